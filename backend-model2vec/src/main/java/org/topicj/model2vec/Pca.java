package org.topicj.model2vec;

import org.topicj.linalg.SymmetricEigen;

/**
 * Principal component analysis as scikit-learn's {@code PCA(n_components=k, svd_solver="full")}
 * {@code .fit_transform(X)} computes it, by the exact eigen-decomposition of the covariance matrix
 * (d x d; cheap for a vocabulary of tens of thousands of d = 384 vectors): the rows are centred
 * (no whitening), projected on the k eigenvectors of largest eigenvalue, in decreasing order. Signs
 * follow scikit-learn's {@code svd_flip(u_based_decision=False)} (scikit-learn 1.5 and later): each
 * component's entry of largest magnitude is positive. Nothing is random.
 *
 * <p>Thread-safety: stateless.
 */
final class Pca {
    private Pca() {
    }

    /** The projection and how much of the variance it keeps. */
    record Result(float[] projected, int components, double explainedVarianceRatio) {
    }

    /**
     * @param x {@code n x d} row-major
     * @param n rows
     * @param d columns
     * @param k components, 1 &le; k &le; d
     * @return the {@code n x k} projection of the centred rows
     */
    static Result fitTransform(float[] x, int n, int d, int k) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] cov = new double[d * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[i * d + j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                int base = a * d;
                for (int b = a; b < d; b++) {
                    cov[base + b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a * d + b] /= n - 1;
                cov[b * d + a] = cov[a * d + b];
            }
        }
        double[][] eig = SymmetricEigen.decompose(cov, d);
        double[] values = eig[0];
        double[] vectors = eig[1];
        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        double total = 0;
        double kept = 0;
        double[][] comps = new double[k][d];
        for (int c = 0; c < d; c++) {
            total += Math.max(values[order[c]], 0);
            if (c < k) {
                kept += Math.max(values[order[c]], 0);
                comps[c] = flipped(vectors, d, order[c]);
            }
        }
        float[] out = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[i * d + j] - mean[j];
            }
            for (int c = 0; c < k; c++) {
                double s = 0;
                double[] v = comps[c];
                for (int j = 0; j < d; j++) {
                    s += row[j] * v[j];
                }
                out[i * k + c] = (float) s;
            }
        }
        return new Result(out, k, total > 0 ? kept / total : 0);
    }

    /** Column {@code col} of the eigenvector matrix, signed so its largest-magnitude entry is positive. */
    private static double[] flipped(double[] vectors, int d, int col) {
        double[] v = new double[d];
        int arg = 0;
        for (int j = 0; j < d; j++) {
            v[j] = vectors[j * d + col];
            if (Math.abs(v[j]) > Math.abs(v[arg])) {
                arg = j;
            }
        }
        if (v[arg] < 0) {
            for (int j = 0; j < d; j++) {
                v[j] = -v[j];
            }
        }
        return v;
    }
}
