package org.topicj.topics;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a fitted topic model came from: the TopicJ and Java versions that fitted it, when, on how
 * many documents of what dimension, with which seed. Saved with the model; informational.
 *
 * @param topicjVersion the TopicJ version (or "development")
 * @param javaVersion the Java runtime's version
 * @param created when the model was fitted
 * @param documents training documents
 * @param embeddingDimension columns of the training embeddings, 0 if none (manual mode)
 * @param seed the fit's random seed, or null if unseeded (not reproducible)
 */
public record Provenance(String topicjVersion, String javaVersion, Instant created, long documents, int embeddingDimension,
                         Long seed) {

    /**
     * @param documents training documents
     * @param dimension embedding columns
     * @param seed the seed, or null
     * @return the provenance of a fit happening now
     */
    static Provenance now(long documents, int dimension, Long seed) {
        return new Provenance(currentVersion(), System.getProperty("java.version"), Instant.now(), documents, dimension, seed);
    }

    /** @return this library's version from its jar manifest, or "development" */
    static String currentVersion() {
        return Optional.ofNullable(TopicModel.class.getPackage().getImplementationVersion()).orElse("development");
    }
}
