package org.topicj.sklearn;

import java.util.List;
import java.util.Locale;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;

/**
 * scikit-learn's {@code Normalizer}: each row divided by its l2 (default), l1 or max norm; zero rows
 * stay zero. Learns nothing. Keeps sparse input sparse.
 *
 * @param norm "l2", "l1" or "max"
 */
public record Normalizer(String norm) implements MatrixStep {

    /** Checks the norm. */
    public Normalizer {
        norm = norm.toLowerCase(Locale.ROOT);
        if (!List.of("l1", "l2", "max").contains(norm)) {
            throw new IllegalArgumentException("norm must be l1, l2 or max, got '" + norm + "'");
        }
    }

    @Override
    public Fitted fit(Matrix x) {
        return new FittedNormalizer(this);
    }

    /**
     * A normaliser learns nothing; fitted, it is the same normaliser.
     *
     * @param options the normaliser
     */
    public record FittedNormalizer(Normalizer options) implements Fitted {
        @Override
        public Matrix transform(Matrix x) {
            return options.normalise(x);
        }
    }

    private Matrix normalise(Matrix x) {
        if (x instanceof SparseMatrix s) {
            int[] indptr = s.rawIndptr();
            float[] data = s.rawData().clone();
            for (int r = 0; r < s.rows(); r++) {
                double scale = scale(data, indptr[r], indptr[r + 1]);
                for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                    data[k] = (float) (data[k] * scale);
                }
            }
            return SparseMatrix.wrap(s.rows(), s.cols(), indptr, s.rawIndices(), data);
        }
        DenseMatrix d = x.toDense();
        int m = d.cols();
        float[] data = d.rawData().clone();
        for (int r = 0; r < d.rows(); r++) {
            double scale = scale(data, r * m, (r + 1) * m);
            for (int k = r * m; k < (r + 1) * m; k++) {
                data[k] = (float) (data[k] * scale);
            }
        }
        return DenseMatrix.wrap(d.rows(), m, data);
    }

    private double scale(float[] v, int from, int to) {
        double s = 0;
        for (int k = from; k < to; k++) {
            s = switch (norm) {
                case "l1" -> s + Math.abs(v[k]);
                case "l2" -> s + (double) v[k] * v[k];
                default -> Math.max(s, Math.abs(v[k]));
            };
        }
        if (norm.equals("l2")) {
            s = Math.sqrt(s);
        }
        return s > 0 ? 1 / s : 1;
    }
}
