package org.topicj.sklearn;

import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;

/**
 * scikit-learn's {@code StandardScaler}: each column centred on its training mean and divided by its
 * training standard deviation (population, as scikit-learn; constant columns are left unscaled).
 * Centring a sparse matrix would make it dense, so, as scikit-learn, {@code withMean} on sparse
 * input is an error.
 *
 * @param withMean subtract the column means (default true)
 * @param withStd divide by the column standard deviations (default true)
 */
public record StandardScaler(boolean withMean, boolean withStd) implements MatrixStep {

    @Override
    public Fitted fit(Matrix x) {
        if (withMean && x instanceof SparseMatrix) {
            throw new IllegalArgumentException("cannot centre sparse input (it would become dense); use scale(with_mean=false)");
        }
        int m = x.cols();
        int n = x.rows();
        double[] mean = new double[m];
        double[] sq = new double[m];
        if (x instanceof SparseMatrix s) {
            for (int k = 0; k < s.nonZeros(); k++) {
                mean[s.rawIndices()[k]] += s.rawData()[k];
                sq[s.rawIndices()[k]] += (double) s.rawData()[k] * s.rawData()[k];
            }
        } else {
            float[] v = x.toDense().rawData();
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < m; c++) {
                    mean[c] += v[i * m + c];
                    sq[c] += (double) v[i * m + c] * v[i * m + c];
                }
            }
        }
        double[] scale = new double[m];
        for (int c = 0; c < m; c++) {
            mean[c] /= n;
            double var = Math.max(0, sq[c] / n - mean[c] * mean[c]);
            scale[c] = withStd && var > 0 ? Math.sqrt(var) : 1;
            if (!withMean) {
                mean[c] = 0;
            }
        }
        return new FittedScaler(mean, scale);
    }

    /**
     * A fitted scaler.
     *
     * @param mean subtracted from each column (zeros without centring)
     * @param scale each column is divided by it
     */
    public record FittedScaler(double[] mean, double[] scale) implements Fitted {
        @Override
        public Matrix transform(Matrix x) {
            return apply(x, mean, scale);
        }
    }

    private static Matrix apply(Matrix x, double[] mean, double[] scale) {
        if (x instanceof SparseMatrix s) {
            float[] data = s.rawData().clone();
            for (int k = 0; k < data.length; k++) {
                data[k] = (float) (data[k] / scale[s.rawIndices()[k]]);
            }
            return SparseMatrix.wrap(s.rows(), s.cols(), s.rawIndptr(), s.rawIndices(), data);
        }
        DenseMatrix d = x.toDense();
        int m = d.cols();
        float[] out = d.rawData().clone();
        for (int i = 0; i < d.rows(); i++) {
            for (int c = 0; c < m; c++) {
                out[i * m + c] = (float) ((out[i * m + c] - mean[c]) / scale[c]);
            }
        }
        return DenseMatrix.wrap(d.rows(), m, out);
    }
}
