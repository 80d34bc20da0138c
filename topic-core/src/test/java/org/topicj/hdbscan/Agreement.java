package org.topicj.hdbscan;

/** Clustering agreement measures for tests: adjusted Rand index. */
final class Agreement {
    private Agreement() {
    }

    /** Adjusted Rand index of two labelings (noise -1 counts as one more label, as scikit-learn does). */
    static double adjustedRand(int[] a, int[] b) {
        return org.topicj.eval.ClusteringMetrics.adjustedRandIndex(a, b);
    }
}
