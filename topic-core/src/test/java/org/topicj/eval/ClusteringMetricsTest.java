package org.topicj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusteringMetricsTest {
    @Test
    void scikitLearnsDocumentedValues() {
        int[] truth = {0, 0, 1, 1};
        int[] refined = {0, 0, 1, 2};
        assertEquals(0.8, ClusteringMetrics.normalizedMutualInformation(truth, refined), 1e-12);
        assertEquals(4.0 / 7.0, ClusteringMetrics.adjustedRandIndex(truth, refined), 1e-12);
        assertEquals(1.0, ClusteringMetrics.normalizedMutualInformation(truth, new int[] {5, 5, -1, -1}), 1e-12, "names do not matter");
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(truth, new int[] {5, 5, -1, -1}), 1e-12);
        assertTrue(Math.abs(ClusteringMetrics.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1})) <= 0.5);
        assertThrows(IllegalArgumentException.class, () -> ClusteringMetrics.normalizedMutualInformation(truth, new int[3]));
    }
}
