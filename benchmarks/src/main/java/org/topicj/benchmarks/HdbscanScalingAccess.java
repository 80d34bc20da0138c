package org.topicj.benchmarks;

import org.topicj.matrix.DenseMatrix;

/** Exposes the benchmark's synthetic data to ad-hoc profiling runs. */
public final class HdbscanScalingAccess {
    private HdbscanScalingAccess() {
    }

    public static DenseMatrix blobs(int n) {
        return HdbscanScaling.blobs(n, 50, 5, 1);
    }
}
