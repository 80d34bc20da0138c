package org.topicj.umap;

/** Distances UMAP supports for its input. */
public enum UmapMetric {
    /**
     * 1 - cosine similarity; the default, as in BERTopic. As in umap-learn, an all-zero row is at
     * distance 1 from every other row and 0 from another all-zero row.
     */
    COSINE,
    /** Straight-line (L2) distance. */
    EUCLIDEAN,
    /**
     * Hellinger distance between rows read as distributions (each row divided by its sum):
     * {@code sqrt(1 - sum(sqrt(p * q)))}. Needs non-negative rows with a positive sum; the default
     * for sparse (TF-IDF) input, as BERTopic's documentation recommends.
     */
    HELLINGER
}
