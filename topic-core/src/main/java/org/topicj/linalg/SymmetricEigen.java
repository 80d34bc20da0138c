package org.topicj.linalg;

/**
 * Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations: accurate and
 * simple, for the few-hundred-square matrices of Lanczos and randomized SVD.
 *
 * <p>Thread-safety: stateless.
 */
public final class SymmetricEigen {
    private SymmetricEigen() {
    }

    /**
     * @param a the matrix, {@code m x m} row-major; destroyed
     * @param m its size
     * @return {eigenvalues (m), eigenvectors (m x m, column j is vector j)}
     */
    public static double[][] decompose(double[] a, int m) {
        double[] v = new double[m * m];
        for (int i = 0; i < m; i++) {
            v[i * m + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < m; p++) {
                for (int q = p + 1; q < m; q++) {
                    off += a[p * m + q] * a[p * m + q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < m; p++) {
                for (int q = p + 1; q < m; q++) {
                    double apq = a[p * m + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < m; k++) {
                        double akp = a[k * m + p];
                        double akq = a[k * m + q];
                        a[k * m + p] = c * akp - s * akq;
                        a[k * m + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < m; k++) {
                        double apk = a[p * m + k];
                        double aqk = a[q * m + k];
                        a[p * m + k] = c * apk - s * aqk;
                        a[q * m + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < m; k++) {
                        double vkp = v[k * m + p];
                        double vkq = v[k * m + q];
                        v[k * m + p] = c * vkp - s * vkq;
                        v[k * m + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[m];
        for (int i = 0; i < m; i++) {
            values[i] = a[i * m + i];
        }
        return new double[][] {values, v};
    }
}
