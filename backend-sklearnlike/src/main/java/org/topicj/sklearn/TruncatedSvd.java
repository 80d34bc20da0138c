package org.topicj.sklearn;

import org.topicj.linalg.SymmetricEigen;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;

/**
 * scikit-learn's {@code TruncatedSVD} with its randomized solver (Halko, Martinsson and Tropp
 * 2011): a Gaussian test matrix of {@code nComponents + nOversamples} columns, {@code nIter} power
 * iterations (re-orthonormalised each time), then an exact SVD of the small projected matrix.
 * Works on sparse input directly, with memory proportional to its non-zeros. Signs follow
 * scikit-learn's svd_flip (the largest |U| entry of each component is positive). Seeded, so
 * results repeat.
 *
 * @param nComponents output dimensions, &ge; 1 and below the number of input columns
 * @param nIter power iterations (default 5)
 * @param nOversamples extra random columns (default 10)
 * @param seed random seed, 0 to 2^32 - 1 (default 0); draws what NumPy's {@code RandomState(seed)} draws
 */
public record TruncatedSvd(int nComponents, int nIter, int nOversamples, long seed) implements MatrixStep {

    /** @param nComponents output dimensions @return with scikit-learn's defaults (n_iter 5, n_oversamples 10, seed 0) */
    public static TruncatedSvd of(int nComponents) {
        return new TruncatedSvd(nComponents, 5, 10, 0);
    }

    /** Checks the options. */
    public TruncatedSvd {
        if (nComponents < 1 || nIter < 0 || nOversamples < 0) {
            throw new IllegalArgumentException("need n_components >= 1, n_iter >= 0, n_oversamples >= 0");
        }
    }

    @Override
    public int outputDimension(int inputDimension) {
        return nComponents;
    }

    @Override
    public Fitted fit(Matrix x) {
        int n = x.rows();
        int m = x.cols();
        if (nComponents >= m) {
            throw new IllegalArgumentException("n_components (" + nComponents + ") must be below the number of features ("
                    + m + "); lower it, or drop the SVD step");
        }
        if (nComponents > n) {
            throw new IllegalArgumentException("n_components (" + nComponents + ") exceeds the number of samples (" + n + ")");
        }
        int r = Math.min(Math.min(n, m), nComponents + nOversamples);
        // As scikit-learn's randomized_svd, work on A = X^T when X is wider than tall (faster, and it decides
        // which side the random test matrix covers). A is rows x cols.
        boolean transpose = n < m;
        int cols = transpose ? n : m;
        // The test matrix is drawn as NumPy's RandomState(seed).normal(size=(cols, r)), row-major, as scikit-learn
        // does, so a seed gives the same components in both.
        NumpyRandom rnd = new NumpyRandom(seed);
        double[][] q = new double[r][cols];
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < r; j++) {
                q[j][i] = rnd.nextGaussian();
            }
        }
        for (int it = 0; it < nIter; it++) {
            q = Products.orthonormal(aTransposeTimes(x, Products.orthonormal(aTimes(x, q, transpose)), transpose));
        }
        double[][] basis = Products.orthonormal(aTimes(x, q, transpose)); // rows x r', columns
        double[][] bt = aTransposeTimes(x, basis, transpose);             // B^T: cols x r', columns
        int k = bt.length;
        double[] gram = new double[k * k];                                 // B B^T
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double dot = Products.dot(bt[a], bt[b]);
                gram[a * k + b] = dot;
                gram[b * k + a] = dot;
            }
        }
        double[][] eig = SymmetricEigen.decompose(gram, k);
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eig[0][b], eig[0][a]));
        int keep = Math.min(nComponents, k);
        double[] singular = new double[keep];
        float[] components = new float[keep * m];
        for (int c = 0; c < keep; c++) {
            int e = order[c];
            double sv = Math.sqrt(Math.max(0, eig[0][e]));
            singular[c] = sv;
            double[] right = new double[bt[0].length];   // right singular vector of A (length cols), times sv
            double[] left = new double[basis[0].length]; // left singular vector of A (length rows)
            for (int a = 0; a < k; a++) {
                double coef = eig[1][a * k + e];
                for (int i = 0; i < right.length; i++) {
                    right[i] += coef * bt[a][i];
                }
                for (int i = 0; i < left.length; i++) {
                    left[i] += coef * basis[a][i];
                }
            }
            for (int i = 0; i < right.length; i++) {
                right[i] /= sv > 0 ? sv : 1;
            }
            double[] u = transpose ? right : left;  // X's left singular vector (length n)
            double[] v = transpose ? left : right;  // X's right singular vector (length m)
            int arg = 0;
            for (int i = 1; i < u.length; i++) {
                arg = Math.abs(u[i]) > Math.abs(u[arg]) ? i : arg;
            }
            double sign = u[arg] < 0 ? -1 : 1;
            for (int i = 0; i < m; i++) {
                components[c * m + i] = (float) (sign * v[i]);
            }
        }
        return new FittedSvd(DenseMatrix.wrap(keep, m, components), singular);
    }

    private static double[][] aTimes(Matrix x, double[][] q, boolean transpose) {
        return transpose ? Products.transposeTimes(x, q) : Products.times(x, q);
    }

    private static double[][] aTransposeTimes(Matrix x, double[][] p, boolean transpose) {
        return transpose ? Products.times(x, p) : Products.transposeTimes(x, p);
    }

    /**
     * A fitted SVD: {@code transform(X) = X components^T}.
     *
     * @param components {@code k x m}, rows are the right singular vectors
     * @param singularValues the k largest singular values, descending
     */
    public record FittedSvd(DenseMatrix components, double[] singularValues) implements Fitted {
        @Override
        public Matrix transform(Matrix x) {
            if (x.cols() != components.cols()) {
                throw new IllegalArgumentException("input has " + x.cols() + " columns, the SVD was fitted on " + components.cols());
            }
            int k = components.rows();
            double[][] vt = new double[k][];
            for (int c = 0; c < k; c++) {
                float[] row = components.row(c);
                vt[c] = new double[row.length];
                for (int i = 0; i < row.length; i++) {
                    vt[c][i] = row[i];
                }
            }
            double[][] cols = Products.times(x, vt);
            float[] out = new float[x.rows() * k];
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < x.rows(); i++) {
                    out[i * k + c] = (float) cols[c][i];
                }
            }
            return DenseMatrix.wrap(x.rows(), k, out);
        }
    }
}
