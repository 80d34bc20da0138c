package org.topicj.benchmarks;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.topicj.matrix.SparseMatrix;
import org.topicj.sklearn.TruncatedSvd;

/**
 * Truncated SVD (100 components, scikit-learn's defaults) of a random 20,000 x 50,000 sparse matrix
 * with 0.1% non-zeros (one million), as the backend-sklearnlike issue asks. Prints the time of a warm
 * fit (after one warm-up fit).
 */
public final class SvdScaling {
    private SvdScaling() {
    }

    public static void main(String[] args) {
        int rows = 20_000;
        int cols = 50_000;
        int perRow = cols / 1000;
        SplittableRandom rnd = new SplittableRandom(1);
        int[] indptr = new int[rows + 1];
        int[] indices = new int[rows * perRow];
        float[] data = new float[rows * perRow];
        for (int r = 0; r < rows; r++) {
            TreeSet<Integer> c = new TreeSet<>();
            while (c.size() < perRow) {
                // Zipf-like columns, as term frequencies are.
                c.add((int) Math.min(cols - 1, Math.floor(Math.exp(rnd.nextDouble() * Math.log(cols)))));
            }
            int k = r * perRow;
            for (int col : c) {
                indices[k] = col;
                data[k++] = (float) rnd.nextDouble();
            }
            indptr[r + 1] = k;
        }
        SparseMatrix x = SparseMatrix.wrap(rows, cols, indptr, indices, data);
        TruncatedSvd svd = TruncatedSvd.of(100);
        svd.fit(x);
        long t0 = System.nanoTime();
        TruncatedSvd.FittedSvd f = (TruncatedSvd.FittedSvd) svd.fit(x);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("TruncatedSVD(100) of %d x %d with %d non-zeros: %.2f s, top singular value %.3f%n",
                rows, cols, x.nonZeros(), s, f.singularValues()[0]);
    }
}
