package org.topicj.umap;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.topicj.matrix.DenseMatrix;

/** Measures of how well a low-dimensional layout keeps the structure of its input (for tests). */
final class LayoutQuality {
    private LayoutQuality() {
    }

    /** Unit-normalised copy of the rows, so a dot product is a cosine similarity. */
    static float[] unitRows(DenseMatrix x) {
        int d = x.cols();
        float[] out = x.rawData().clone();
        for (int i = 0; i < x.rows(); i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += out[i * d + j] * out[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                out[i * d + j] /= (float) Math.sqrt(s);
            }
        }
        return out;
    }

    /**
     * scikit-learn's trustworthiness with cosine distance on the input and Euclidean on the layout:
     * 1 - 2 / (n k (2n - 3k - 1)) * sum over layout neighbours j of i of max(0, rank_input(i, j) - k).
     */
    static double trustworthiness(DenseMatrix input, DenseMatrix layout, int k) {
        int n = input.rows();
        int d = input.cols();
        float[] u = unitRows(input);
        double total = IntStream.range(0, n).parallel().mapToDouble(i -> {
            float[] sim = new float[n];
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int c = 0; c < d; c++) {
                    s += u[i * d + c] * u[j * d + c];
                }
                sim[j] = j == i ? Float.POSITIVE_INFINITY : s;
            }
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Float.compare(sim[b], sim[a]));
            int[] rank = new int[n];
            for (int r = 0; r < n; r++) {
                rank[order[r]] = r; // self has rank 0, nearest other rank 1
            }
            double penalty = 0;
            for (int j : nearest(layout, i, k)) {
                penalty += Math.max(0, rank[j] - k);
            }
            return penalty;
        }).sum();
        return 1 - 2.0 / (n * (double) k * (2.0 * n - 3.0 * k - 1.0)) * total;
    }

    /** The k nearest other rows of row i, Euclidean. */
    static int[] nearest(DenseMatrix x, int i, int k) {
        int n = x.rows();
        int d = x.cols();
        float[] v = x.rawData();
        double[] dist = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                double diff = v[i * d + c] - v[j * d + c];
                s += diff * diff;
            }
            dist[j] = j == i ? Double.POSITIVE_INFINITY : s;
        }
        return IntStream.range(0, n).boxed().sorted((a, b) -> Double.compare(dist[a], dist[b])).limit(k)
                .mapToInt(Integer::intValue).toArray();
    }

    /** Accuracy of a k-nearest-neighbour classifier (majority vote, ties to the smaller label) over 5 contiguous folds. */
    static double knnAccuracy(DenseMatrix x, int[] labels, int k) {
        int n = x.rows();
        int d = x.cols();
        float[] v = x.rawData();
        int classes = Arrays.stream(labels).max().getAsInt() + 1;
        long correct = IntStream.range(0, n).parallel().filter(i -> {
            int fold = i * 5 / n;
            double[] dist = new double[n];
            for (int j = 0; j < n; j++) {
                if (j * 5 / n == fold) {
                    dist[j] = Double.POSITIVE_INFINITY;
                    continue;
                }
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = v[i * d + c] - v[j * d + c];
                    s += diff * diff;
                }
                dist[j] = s;
            }
            int[] votes = new int[classes];
            IntStream.range(0, n).boxed().sorted((a, b) -> Double.compare(dist[a], dist[b])).limit(k)
                    .forEach(j -> votes[labels[j]]++);
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            return best == labels[i];
        }).count();
        return correct / (double) n;
    }
}
