package org.topicj.umap;

import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;

/**
 * Input rows prepared so every metric is a cheap function of a dot product or a squared
 * difference: cosine rows are unit-normalised (d = 1 - dot), Hellinger rows become
 * sqrt(row / sum) (d = sqrt(1 - dot)), Euclidean rows stay as they are.
 */
abstract class PointSet {
    final UmapMetric metric;
    final int n;

    PointSet(UmapMetric metric, int n) {
        this.metric = metric;
        this.n = n;
    }

    /** @return distance between stored points i and j */
    abstract float distance(int i, int j);

    /** @return distance between stored point i and row q of another set of the same kind */
    abstract float distance(int i, PointSet other, int q);

    /**
     * Distances from stored point i to rows {@code rows[0, count)} of {@code other} (a set of the same kind), each
     * exactly {@link #distance(int, PointSet, int)}; dense sets compute several at once, which is much faster.
     *
     * @param out receives {@code count} distances
     */
    void distances(int i, PointSet other, int[] rows, int count, float[] out) {
        for (int s = 0; s < count; s++) {
            out[s] = distance(i, other, rows[s]);
        }
    }

    /** @return the dense prepared row i (for random projections), or null for sparse sets */
    abstract float[] denseRow(int i);

    abstract int dimension();

    /** @return true if stored row i equals row q of another set of the same kind, value for value */
    abstract boolean sameRow(int i, PointSet other, int q);

    /** @return a hash of row i's values, equal for rows that {@link #sameRow} finds equal */
    abstract int rowHash(int i);

    static PointSet of(Matrix input, UmapMetric metric) {
        if (input instanceof SparseMatrix s) {
            return new Sparse(s, metric);
        }
        return new Dense((DenseMatrix) input, metric);
    }

    static float fromDot(UmapMetric metric, double dot) {
        return switch (metric) {
            case COSINE -> (float) Math.max(0, 1 - dot);
            case HELLINGER -> (float) Math.sqrt(Math.max(0, 1 - dot));
            default -> throw new IllegalStateException();
        };
    }

    /** @return true if stored row i is all zeros */
    abstract boolean zeroRow(int i);

    /**
     * Cosine distance from a dot of unit rows. An all-zero row (a document with no known word, say)
     * stays zero, so its dot with anything is 0: distance 1, and 0 to another zero row, as umap-learn.
     */
    final float cosineFromDot(double dot, int i, PointSet other, int q) {
        if (dot == 0 && zeroRow(i) && other.zeroRow(q)) {
            return 0f;
        }
        return fromDot(UmapMetric.COSINE, dot);
    }

    static void checkRow(UmapMetric metric, int row, double sum, double sumSquares, boolean negative) {
        if (metric == UmapMetric.HELLINGER) {
            if (negative) {
                throw new IllegalArgumentException("row " + row + " has a negative value; the Hellinger metric needs "
                        + "non-negative data such as counts or TF-IDF weights");
            }
            if (sum == 0) {
                throw new IllegalArgumentException("row " + row + " is all zeros; the Hellinger distance is undefined for it");
            }
        }
    }

    /** Dense rows, row-major. */
    static final class Dense extends PointSet {
        final int dim;
        final float[] data;

        /** Rows already prepared (as saved by a model). */
        Dense(float[] prepared, int n, int dim, UmapMetric metric) {
            super(metric, n);
            this.dim = dim;
            this.data = prepared;
        }

        Dense(DenseMatrix m, UmapMetric metric) {
            super(metric, m.rows());
            this.dim = m.cols();
            float[] src = m.rawData();
            this.data = new float[src.length];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                double sq = 0;
                boolean negative = false;
                for (int j = 0; j < dim; j++) {
                    float v = src[i * dim + j];
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException("row " + i + " has a non-finite value (" + v + ") in column " + j
                                + "; UMAP needs finite input");
                    }
                    sum += v;
                    sq += (double) v * v;
                    negative |= v < 0;
                }
                checkRow(metric, i, sum, sq, negative);
                for (int j = 0; j < dim; j++) {
                    float v = src[i * dim + j];
                    data[i * dim + j] = switch (metric) {
                        case COSINE -> sq == 0 ? 0f : (float) (v / Math.sqrt(sq));
                        case HELLINGER -> (float) Math.sqrt(v / sum);
                        case EUCLIDEAN -> v;
                    };
                }
            }
        }

        @Override
        float distance(int i, int j) {
            return distance(i, this, j);
        }

        @Override
        float distance(int i, PointSet other, int q) {
            float[] b = ((Dense) other).data;
            int ai = i * dim;
            int bi = q * dim;
            float s = 0;
            if (metric == UmapMetric.EUCLIDEAN) {
                for (int k = 0; k < dim; k++) {
                    float d = data[ai + k] - b[bi + k];
                    s += d * d;
                }
            } else {
                for (int k = 0; k < dim; k++) {
                    s += data[ai + k] * b[bi + k];
                }
            }
            return finish(s, i, other, q);
        }

        /** The distance from a sum of squared differences (Euclidean) or a dot product (the others). */
        private float finish(float sum, int i, PointSet other, int q) {
            return switch (metric) {
                case EUCLIDEAN -> (float) Math.sqrt(sum);
                case COSINE -> cosineFromDot(sum, i, other, q);
                case HELLINGER -> fromDot(metric, sum);
            };
        }

        /**
         * Four rows at a time: one pass over row i feeds four independent sums, so the processor overlaps them
         * instead of waiting on one chain of additions. Each sum still runs in dimension order, so every result
         * equals {@link #distance(int, PointSet, int)} bit for bit.
         */
        @Override
        void distances(int i, PointSet other, int[] rows, int count, float[] out) {
            float[] b = ((Dense) other).data;
            boolean euclidean = metric == UmapMetric.EUCLIDEAN;
            int ai = i * dim;
            int s = 0;
            for (; s + 4 <= count; s += 4) {
                int b0 = rows[s] * dim;
                int b1 = rows[s + 1] * dim;
                int b2 = rows[s + 2] * dim;
                int b3 = rows[s + 3] * dim;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                if (euclidean) {
                    for (int k = 0; k < dim; k++) {
                        float v = data[ai + k];
                        float d0 = v - b[b0 + k];
                        float d1 = v - b[b1 + k];
                        float d2 = v - b[b2 + k];
                        float d3 = v - b[b3 + k];
                        s0 += d0 * d0;
                        s1 += d1 * d1;
                        s2 += d2 * d2;
                        s3 += d3 * d3;
                    }
                } else {
                    for (int k = 0; k < dim; k++) {
                        float v = data[ai + k];
                        s0 += v * b[b0 + k];
                        s1 += v * b[b1 + k];
                        s2 += v * b[b2 + k];
                        s3 += v * b[b3 + k];
                    }
                }
                out[s] = finish(s0, i, other, rows[s]);
                out[s + 1] = finish(s1, i, other, rows[s + 1]);
                out[s + 2] = finish(s2, i, other, rows[s + 2]);
                out[s + 3] = finish(s3, i, other, rows[s + 3]);
            }
            for (; s < count; s++) {
                out[s] = distance(i, other, rows[s]);
            }
        }

        @Override
        boolean zeroRow(int i) {
            for (int k = i * dim; k < (i + 1) * dim; k++) {
                if (data[k] != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        boolean sameRow(int i, PointSet other, int q) {
            float[] b = ((Dense) other).data;
            return java.util.Arrays.equals(data, i * dim, (i + 1) * dim, b, q * dim, (q + 1) * dim);
        }

        @Override
        int rowHash(int i) {
            int h = 1;
            for (int k = i * dim; k < (i + 1) * dim; k++) {
                h = 31 * h + Float.floatToIntBits(data[k]);
            }
            return h;
        }

        @Override
        float[] denseRow(int i) {
            float[] r = new float[dim];
            System.arraycopy(data, i * dim, r, 0, dim);
            return r;
        }

        @Override
        int dimension() {
            return dim;
        }
    }

    /** Sparse rows (CSR), prepared like the dense ones; squared norms kept for Euclidean. */
    static final class Sparse extends PointSet {
        final int cols;
        final int[] indptr;
        final int[] indices;
        final float[] values;
        final double[] squaredNorm;

        /** Rows already prepared (as saved by a model). */
        Sparse(int n, int cols, int[] indptr, int[] indices, float[] prepared, UmapMetric metric) {
            super(metric, n);
            this.cols = cols;
            this.indptr = indptr;
            this.indices = indices;
            this.values = prepared;
            this.squaredNorm = new double[n];
            for (int i = 0; i < n; i++) {
                double sq = 0;
                for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                    sq += (double) prepared[k] * prepared[k];
                }
                squaredNorm[i] = metric == UmapMetric.EUCLIDEAN ? sq : 1;
            }
        }

        Sparse(SparseMatrix m, UmapMetric metric) {
            super(metric, m.rows());
            this.cols = m.cols();
            this.indptr = m.rawIndptr();
            this.indices = m.rawIndices();
            float[] src = m.rawData();
            this.values = new float[src.length];
            this.squaredNorm = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                double sq = 0;
                boolean negative = false;
                for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                    float v = src[k];
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException("row " + i + " has a non-finite value (" + v + "); UMAP needs finite input");
                    }
                    sum += v;
                    sq += (double) v * v;
                    negative |= v < 0;
                }
                checkRow(metric, i, sum, sq, negative);
                for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                    values[k] = switch (metric) {
                        case COSINE -> sq == 0 ? 0f : (float) (src[k] / Math.sqrt(sq));
                        case HELLINGER -> (float) Math.sqrt(src[k] / sum);
                        case EUCLIDEAN -> src[k];
                    };
                }
                squaredNorm[i] = metric == UmapMetric.EUCLIDEAN ? sq : 1;
            }
        }

        @Override
        float distance(int i, int j) {
            return distance(i, this, j);
        }

        @Override
        float distance(int i, PointSet other, int q) {
            Sparse o = (Sparse) other;
            double dot = 0;
            int a = indptr[i];
            int aEnd = indptr[i + 1];
            int b = o.indptr[q];
            int bEnd = o.indptr[q + 1];
            while (a < aEnd && b < bEnd) {
                int ca = indices[a];
                int cb = o.indices[b];
                if (ca == cb) {
                    dot += (double) values[a++] * o.values[b++];
                } else if (ca < cb) {
                    a++;
                } else {
                    b++;
                }
            }
            if (metric == UmapMetric.EUCLIDEAN) {
                return (float) Math.sqrt(Math.max(0, squaredNorm[i] + o.squaredNorm[q] - 2 * dot));
            }
            return metric == UmapMetric.COSINE ? cosineFromDot(dot, i, other, q) : fromDot(metric, dot);
        }

        @Override
        boolean zeroRow(int i) {
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                if (values[k] != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        boolean sameRow(int i, PointSet other, int q) {
            Sparse o = (Sparse) other;
            return java.util.Arrays.equals(indices, indptr[i], indptr[i + 1], o.indices, o.indptr[q], o.indptr[q + 1])
                    && java.util.Arrays.equals(values, indptr[i], indptr[i + 1], o.values, o.indptr[q], o.indptr[q + 1]);
        }

        @Override
        int rowHash(int i) {
            int h = 1;
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                h = 31 * (31 * h + indices[k]) + Float.floatToIntBits(values[k]);
            }
            return h;
        }

        @Override
        float[] denseRow(int i) {
            return null;
        }

        @Override
        int dimension() {
            return cols;
        }
    }
}
