package org.topicj.topics;

import java.util.Objects;
import org.topicj.text.CountVectorizer;

/**
 * How a topic model describes its topics: how documents become words, how words are weighted, how
 * many words and representative documents a topic keeps, and an optional representation that
 * fine-tunes the words. Fixed at fit, saved with the model, and used again whenever topics are
 * recomputed (reducing, merging, outliers), so a loaded model reduces exactly as the fitted one.
 *
 * @param vectorizer how documents become terms (its n-grams, stop words, document-frequency bounds)
 * @param ctfidf the class-based TF-IDF weighting
 * @param englishPreprocessing BERTopic's English clean-up before counting (non-alphanumerics removed)
 * @param topNWords words kept per topic, &ge; 1
 * @param representativeDocs representative documents kept per topic, &ge; 0
 * @param representation fine-tunes the words after c-TF-IDF, or null for none
 * @param seed seeds the sample representative documents are chosen from, or null (then 42)
 */
public record TopicSettings(CountVectorizer vectorizer, ClassTfidf ctfidf, boolean englishPreprocessing, int topNWords,
                            int representativeDocs, Representation representation, Long seed) {

    /** BERTopic's defaults: default CountVectorizer, plain c-TF-IDF, English clean-up, 10 words, 3 documents. */
    public static final TopicSettings DEFAULT = new TopicSettings(CountVectorizer.builder().build(), ClassTfidf.DEFAULT,
            true, 10, 3, null, null);

    /** Checks the values. */
    public TopicSettings {
        Objects.requireNonNull(vectorizer, "vectorizer");
        Objects.requireNonNull(ctfidf, "ctfidf");
        if (topNWords < 1) {
            throw new IllegalArgumentException("top n words must be at least 1, got " + topNWords);
        }
        if (representativeDocs < 0) {
            throw new IllegalArgumentException("representative docs must be >= 0, got " + representativeDocs);
        }
    }

    /** @return the seed representative documents are sampled with */
    long sampleSeed() {
        return seed != null ? seed : 42;
    }

    /** @param r a representation, or null @return these settings with it */
    public TopicSettings withRepresentation(Representation r) {
        return new TopicSettings(vectorizer, ctfidf, englishPreprocessing, topNWords, representativeDocs, r, seed);
    }

    /** @param v a vectorizer @return these settings with it */
    public TopicSettings withVectorizer(CountVectorizer v) {
        return new TopicSettings(v, ctfidf, englishPreprocessing, topNWords, representativeDocs, representation, seed);
    }
}
