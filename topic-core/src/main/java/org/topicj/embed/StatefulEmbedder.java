package org.topicj.embed;

import java.nio.file.Path;

/**
 * An embedder that learns from the documents it first sees (a TF-IDF vocabulary, SVD components),
 * so its key alone cannot recreate it. A topic model saves its state next to the model and, on
 * load, asks the provider to restore it ({@link org.topicj.spi.EmbedderProvider#restore}), so
 * new documents are embedded exactly as the training ones were.
 *
 * <p>Thread-safety: as {@link Embedder}.
 */
public interface StatefulEmbedder extends Embedder {

    /** @return the registry key that opens this embedder unfitted, e.g. {@code sklearn:tfidf+svd(100)} */
    String spec();

    /** @return whether it has learnt its state yet */
    boolean isFitted();

    /**
     * Writes the learnt state as JSON and {@code .npy} files (nothing executable).
     *
     * @param dir the folder, created if needed
     * @throws IllegalStateException if not fitted
     */
    void saveState(Path dir);
}
