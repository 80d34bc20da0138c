package org.topicj.hdbscan;

import java.util.HashMap;
import java.util.Map;

/** Clustering agreement measures for tests: adjusted Rand index. */
final class Agreement {
    private Agreement() {
    }

    /** Adjusted Rand index of two labelings (noise -1 counts as one more label, as scikit-learn does). */
    static double adjustedRand(int[] a, int[] b) {
        Map<Long, Long> pairs = new HashMap<>();
        Map<Integer, Long> rows = new HashMap<>();
        Map<Integer, Long> cols = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            pairs.merge(((long) a[i] << 32) ^ (b[i] & 0xffffffffL), 1L, Long::sum);
            rows.merge(a[i], 1L, Long::sum);
            cols.merge(b[i], 1L, Long::sum);
        }
        double index = pairs.values().stream().mapToDouble(Agreement::choose2).sum();
        double sumRows = rows.values().stream().mapToDouble(Agreement::choose2).sum();
        double sumCols = cols.values().stream().mapToDouble(Agreement::choose2).sum();
        double expected = sumRows * sumCols / choose2(a.length);
        double max = (sumRows + sumCols) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    private static double choose2(long n) {
        return n * (n - 1) / 2.0;
    }
}
