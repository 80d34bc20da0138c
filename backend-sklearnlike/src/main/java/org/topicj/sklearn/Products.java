package org.topicj.sklearn;

import java.util.stream.IntStream;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;

/**
 * The matrix products randomized SVD needs, for sparse (CSR) and dense inputs, on double-precision
 * dense factors stored column by column ({@code double[col][row]}). Parallel over independent
 * outputs, so results do not depend on the thread count.
 */
final class Products {
    private Products() {
    }

    /** X (n x m) times Q (m x r, columns) = n x r, columns. */
    static double[][] times(Matrix x, double[][] q) {
        int n = x.rows();
        int r = q.length;
        double[][] out = new double[r][n];
        if (x instanceof SparseMatrix s) {
            int[] indptr = s.rawIndptr();
            int[] indices = s.rawIndices();
            float[] data = s.rawData();
            // Row-major copy of Q so each non-zero reads one contiguous row of it.
            int m = x.cols();
            double[] qr = new double[m * r];
            for (int j = 0; j < r; j++) {
                for (int c = 0; c < m; c++) {
                    qr[c * r + j] = q[j][c];
                }
            }
            IntStream.range(0, n).parallel().forEach(i -> {
                double[] acc = new double[r];
                for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                    double v = data[k];
                    int base = indices[k] * r;
                    for (int j = 0; j < r; j++) {
                        acc[j] += v * qr[base + j];
                    }
                }
                for (int j = 0; j < r; j++) {
                    out[j][i] = acc[j];
                }
            });
        } else {
            DenseMatrix d = x.toDense();
            int m = d.cols();
            float[] v = d.rawData();
            IntStream.range(0, n).parallel().forEach(i -> {
                for (int j = 0; j < r; j++) {
                    double s2 = 0;
                    double[] qj = q[j];
                    for (int c = 0; c < m; c++) {
                        s2 += v[i * m + c] * qj[c];
                    }
                    out[j][i] = s2;
                }
            });
        }
        return out;
    }

    /** X^T (m x n) times P (n x r, columns) = m x r, columns. */
    static double[][] transposeTimes(Matrix x, double[][] p) {
        int m = x.cols();
        int r = p.length;
        double[][] out = new double[r][m];
        if (x instanceof SparseMatrix s) {
            int[] indptr = s.rawIndptr();
            int[] indices = s.rawIndices();
            float[] data = s.rawData();
            // Parallel over output columns j: each thread owns out[j], so no races and no extra memory.
            IntStream.range(0, r).parallel().forEach(j -> {
                double[] o = out[j];
                double[] pj = p[j];
                for (int i = 0; i < x.rows(); i++) {
                    double pi = pj[i];
                    if (pi == 0) {
                        continue;
                    }
                    for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                        o[indices[k]] += data[k] * pi;
                    }
                }
            });
        } else {
            DenseMatrix d = x.toDense();
            float[] v = d.rawData();
            int n = d.rows();
            IntStream.range(0, r).parallel().forEach(j -> {
                double[] o = out[j];
                double[] pj = p[j];
                for (int i = 0; i < n; i++) {
                    double pi = pj[i];
                    for (int c = 0; c < m; c++) {
                        o[c] += v[i * m + c] * pi;
                    }
                }
            });
        }
        return out;
    }

    /**
     * An orthonormal basis of the columns' span: CholeskyQR2 (two rounds of Gram matrix, Cholesky,
     * triangular solve; parallel and as accurate as Householder for these well-conditioned blocks),
     * falling back to modified Gram-Schmidt when the columns are (nearly) dependent.
     */
    static double[][] orthonormal(double[][] cols) {
        try {
            return choleskyQr(choleskyQr(cols));
        } catch (ArithmeticException dependent) {
            return gramSchmidt(cols);
        }
    }

    private static double[][] choleskyQr(double[][] cols) {
        int r = cols.length;
        int n = cols[0].length;
        double[][] gram = new double[r][r];
        IntStream.range(0, r).parallel().forEach(a -> {
            for (int b = 0; b <= a; b++) {
                gram[a][b] = dot(cols[a], cols[b]);
            }
        });
        double[][] l = new double[r][r];
        for (int j = 0; j < r; j++) {
            double d = gram[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 1e-12 * gram[j][j]) || !(d > 0)) {
                throw new ArithmeticException("columns are linearly dependent");
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < r; i++) {
                double v = gram[i][j];
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                l[i][j] = v / l[j][j];
            }
        }
        // Q = cols L^-T by forward substitution, in cache-sized blocks of rows, blocks in parallel.
        double[][] out = new double[r][n];
        int block = 2048;
        IntStream.range(0, (n + block - 1) / block).parallel().forEach(b -> {
            int from = b * block;
            int to = Math.min(n, from + block);
            for (int j = 0; j < r; j++) {
                double[] oj = out[j];
                System.arraycopy(cols[j], from, oj, from, to - from);
                for (int i = 0; i < j; i++) {
                    double c = l[j][i];
                    double[] oi = out[i];
                    for (int t = from; t < to; t++) {
                        oj[t] -= c * oi[t];
                    }
                }
                double inv = 1 / l[j][j];
                for (int t = from; t < to; t++) {
                    oj[t] *= inv;
                }
            }
        });
        return out;
    }

    /** Modified Gram-Schmidt, twice for stability, dropping (nearly) dependent columns. */
    static double[][] gramSchmidt(double[][] cols) {
        int r = cols.length;
        java.util.List<double[]> kept = new java.util.ArrayList<>();
        for (int j = 0; j < r; j++) {
            double[] v = cols[j];
            double before = Math.sqrt(dot(v, v));
            for (int pass = 0; pass < 2; pass++) {
                for (double[] b : kept) {
                    double c = dot(v, b);
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= c * b[i];
                    }
                }
            }
            double norm = Math.sqrt(dot(v, v));
            if (norm > 1e-10 * Math.max(1, before)) {
                for (int i = 0; i < v.length; i++) {
                    v[i] /= norm;
                }
                kept.add(v);
            }
        }
        return kept.toArray(new double[0][]);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
