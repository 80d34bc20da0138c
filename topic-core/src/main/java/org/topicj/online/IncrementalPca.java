package org.topicj.online;

import java.util.Objects;
import org.topicj.linalg.SymmetricEigen;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;

/**
 * Principal components learnt batch by batch, as scikit-learn's {@code IncrementalPCA.partial_fit}:
 * each batch is centred on its own mean and stacked under the current components (scaled by their
 * singular values) and a mean-correction row, and the stack's SVD gives the new components. Signs
 * follow scikit-learn's {@code svd_flip} (largest loading of each component positive).
 *
 * <p>Thread-safety: not thread-safe while fitting; {@link #transform} may run concurrently once fitted.
 */
public final class IncrementalPca {
    private final int components;
    private double[] mean;
    private double[][] basis;       // components x dim
    private double[] singular;
    private long seen;

    /** @param components how many components to keep, &gt; 0 */
    public IncrementalPca(int components) {
        if (components <= 0) {
            throw new IllegalArgumentException("components must be positive, got " + components);
        }
        this.components = components;
    }

    /** @return rows seen so far */
    public long samplesSeen() {
        return seen;
    }

    /** @return the number of components */
    public int components() {
        return components;
    }

    /**
     * Updates the components with a batch.
     *
     * @param batch rows of the same dimension every time; the first batch needs at least {@code components} rows
     */
    public void partialFit(Matrix batch) {
        DenseMatrix x = Objects.requireNonNull(batch, "batch").toDense();
        int n = x.rows();
        int d = x.cols();
        if (seen == 0 && n < components) {
            throw new IllegalArgumentException("the first batch has " + n + " rows; IncrementalPca(" + components
                    + ") needs at least " + components);
        }
        if (mean != null && d != mean.length) {
            throw new IllegalArgumentException("batch has " + d + " columns, earlier ones had " + mean.length);
        }
        if (n == 0) {
            return;
        }
        double[] batchMean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                batchMean[j] += x.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            batchMean[j] /= n;
        }
        long total = seen + n;
        int extra = seen == 0 ? 0 : components + 1;
        double[][] stack = new double[extra + n][];
        if (seen > 0) {
            for (int c = 0; c < components; c++) {
                stack[c] = new double[d];
                for (int j = 0; j < d; j++) {
                    stack[c][j] = singular[c] * basis[c][j];
                }
            }
            double scale = Math.sqrt((double) seen / total * n);
            stack[components] = new double[d];
            for (int j = 0; j < d; j++) {
                stack[components][j] = scale * (mean[j] - batchMean[j]);
            }
        }
        for (int i = 0; i < n; i++) {
            double[] row = new double[d];
            for (int j = 0; j < d; j++) {
                row[j] = x.get(i, j) - batchMean[j];
            }
            stack[extra + i] = row;
        }
        double[] newMean = new double[d];
        for (int j = 0; j < d; j++) {
            newMean[j] = mean == null ? batchMean[j] : (mean[j] * seen + batchMean[j] * n) / total;
        }
        topRightSingularVectors(stack, d);
        mean = newMean;
        seen = total;
    }

    /** The stack's top right singular vectors and values, from the eigenvectors of its d x d Gram matrix. */
    private void topRightSingularVectors(double[][] stack, int d) {
        double[] gram = new double[d * d];
        for (double[] row : stack) {
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                if (ra == 0) {
                    continue;
                }
                for (int b = a; b < d; b++) {
                    gram[a * d + b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                gram[a * d + b] = gram[b * d + a];
            }
        }
        double[][] eig = SymmetricEigen.decompose(gram, d);
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(eig[0][q], eig[0][p]));
        int k = Math.min(components, d);
        basis = new double[components][d];
        singular = new double[components];
        for (int c = 0; c < k; c++) {
            int col = order[c];
            singular[c] = Math.sqrt(Math.max(0, eig[0][col]));
            int biggest = 0;
            for (int j = 0; j < d; j++) {
                basis[c][j] = eig[1][j * d + col];
                if (Math.abs(basis[c][j]) > Math.abs(basis[c][biggest])) {
                    biggest = j;
                }
            }
            if (basis[c][biggest] < 0) {
                for (int j = 0; j < d; j++) {
                    basis[c][j] = -basis[c][j];
                }
            }
        }
    }

    /**
     * Projects rows onto the components.
     *
     * @param points rows of the fitted dimension
     * @return {@code rows x components}
     */
    public DenseMatrix transform(Matrix points) {
        if (mean == null) {
            throw new IllegalStateException("IncrementalPca has not been fitted; call partialFit first");
        }
        DenseMatrix x = points.toDense();
        if (x.cols() != mean.length) {
            throw new IllegalArgumentException("points have " + x.cols() + " columns, the model was fitted on " + mean.length);
        }
        float[] out = new float[x.rows() * components];
        for (int i = 0; i < x.rows(); i++) {
            for (int c = 0; c < components; c++) {
                double s = 0;
                for (int j = 0; j < mean.length; j++) {
                    s += (x.get(i, j) - mean[j]) * basis[c][j];
                }
                out[i * components + c] = (float) s;
            }
        }
        return DenseMatrix.wrap(x.rows(), components, out);
    }

    /**
     * @param x a point of the fitted dimension
     * @return its coordinates on the components
     */
    public double[] project(double[] x) {
        double[] z = new double[components];
        for (int c = 0; c < components; c++) {
            for (int j = 0; j < mean.length; j++) {
                z[c] += (x[j] - mean[j]) * basis[c][j];
            }
        }
        return z;
    }

    /**
     * @param z coordinates on the components
     * @return the point of the original space they stand for (mean plus the weighted components)
     */
    public double[] inverseTransform(double[] z) {
        double[] x = mean.clone();
        for (int c = 0; c < components; c++) {
            for (int j = 0; j < x.length; j++) {
                x[j] += z[c] * basis[c][j];
            }
        }
        return x;
    }

    /** @return the state as arrays: {mean}, {singular values}, then the component rows; for saving */
    public double[][] state() {
        double[][] s = new double[components + 2][];
        s[0] = mean.clone();
        s[1] = singular.clone();
        for (int c = 0; c < components; c++) {
            s[c + 2] = basis[c].clone();
        }
        return s;
    }

    /**
     * Restores a fitted model.
     *
     * @param state what {@link #state()} returned
     * @param seen rows it had seen
     * @return the model
     */
    public static IncrementalPca restore(double[][] state, long seen) {
        IncrementalPca p = new IncrementalPca(state.length - 2);
        p.mean = state[0].clone();
        p.singular = state[1].clone();
        p.basis = new double[state.length - 2][];
        for (int c = 0; c < p.basis.length; c++) {
            p.basis[c] = state[c + 2].clone();
        }
        p.seen = seen;
        return p;
    }
}
