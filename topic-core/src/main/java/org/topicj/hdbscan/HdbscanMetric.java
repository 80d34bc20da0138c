package org.topicj.hdbscan;

import org.topicj.neighbors.KdTree;

/** Distances HDBSCAN supports. */
public enum HdbscanMetric {
    /** L2, the default (hdbscan's "euclidean"). */
    EUCLIDEAN,
    /** L1. */
    MANHATTAN,
    /**
     * 1 - cosine similarity. Computed exactly on unit-normalised rows with the Euclidean tree,
     * since 1 - cos(a, b) = |a - b|^2 / 2 for unit vectors. Zero rows are rejected.
     */
    COSINE;

    KdTree.Metric treeMetric() {
        return this == MANHATTAN ? KdTree.Metric.MANHATTAN : KdTree.Metric.EUCLIDEAN;
    }

    /** @return this metric's distance for a distance measured by the tree */
    double fromTree(double treeDistance) {
        return this == COSINE ? treeDistance * treeDistance / 2 : treeDistance;
    }

    /** @return the tree's distance for this metric's distance */
    double toTree(double distance) {
        return this == COSINE ? Math.sqrt(2 * distance) : distance;
    }
}
