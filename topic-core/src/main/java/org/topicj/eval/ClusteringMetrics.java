package org.topicj.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * Agreement between two labelings of the same items (topics against known categories, one
 * clustering against another), as scikit-learn computes them. Every distinct label, -1 included,
 * counts as one group.
 *
 * <p>Thread-safety: stateless.
 */
public final class ClusteringMetrics {
    private ClusteringMetrics() {
    }

    /**
     * Normalised mutual information with the arithmetic mean of the entropies (scikit-learn's default).
     *
     * @param a one labeling
     * @param b another, same length
     * @return NMI in [0, 1]
     */
    public static double normalizedMutualInformation(int[] a, int[] b) {
        check(a, b);
        Map<Long, Integer> joint = new HashMap<>();
        Map<Integer, Integer> ca = new HashMap<>();
        Map<Integer, Integer> cb = new HashMap<>();
        count(a, b, joint, ca, cb);
        double n = a.length;
        double mi = 0;
        for (Map.Entry<Long, Integer> e : joint.entrySet()) {
            int x = (int) (e.getKey() >> 32);
            int y = e.getKey().intValue();
            double p = e.getValue() / n;
            mi += p * Math.log(p / (ca.get(x) / n * (cb.get(y) / n)));
        }
        double mean = (entropy(ca, n) + entropy(cb, n)) / 2;
        return mean == 0 ? 1.0 : Math.max(0, mi / mean);
    }

    /**
     * Adjusted Rand index.
     *
     * @param a one labeling
     * @param b another, same length
     * @return ARI, 1 for identical partitions, about 0 for chance
     */
    public static double adjustedRandIndex(int[] a, int[] b) {
        check(a, b);
        Map<Long, Integer> joint = new HashMap<>();
        Map<Integer, Integer> ca = new HashMap<>();
        Map<Integer, Integer> cb = new HashMap<>();
        count(a, b, joint, ca, cb);
        double index = joint.values().stream().mapToDouble(ClusteringMetrics::pairs).sum();
        double sumA = ca.values().stream().mapToDouble(ClusteringMetrics::pairs).sum();
        double sumB = cb.values().stream().mapToDouble(ClusteringMetrics::pairs).sum();
        double expected = sumA * sumB / pairs(a.length);
        double max = (sumA + sumB) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    private static void count(int[] a, int[] b, Map<Long, Integer> joint, Map<Integer, Integer> ca, Map<Integer, Integer> cb) {
        for (int i = 0; i < a.length; i++) {
            joint.merge(((long) a[i] << 32) | (b[i] & 0xffffffffL), 1, Integer::sum);
            ca.merge(a[i], 1, Integer::sum);
            cb.merge(b[i], 1, Integer::sum);
        }
    }

    private static void check(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("labelings must be non-empty and of equal length, got " + a.length + " and " + b.length);
        }
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }

    private static double entropy(Map<Integer, Integer> counts, double n) {
        double h = 0;
        for (int c : counts.values()) {
            h -= c / n * Math.log(c / n);
        }
        return h;
    }
}
