package org.topicj.sklearn;

import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;

/**
 * Truncated SVD learnt batch by batch (incremental SVD, as in Brand 2002 and scikit-learn's
 * IncrementalPCA without centring): the current state {@code diag(S) Vt} is stacked on top of the
 * new batch and the top components of the stack become the new state. After one batch it equals
 * {@link TruncatedSvd}; over many batches it approximates the SVD of all rows seen, in memory
 * proportional to the components and one batch. {@link #fit} is a single batch.
 *
 * @param nComponents components kept, &ge; 1
 * @param seed random seed of the randomized solver
 */
public record IncrementalSvd(int nComponents, long seed) implements IncrementalStep {

    /** Checks the options. */
    public IncrementalSvd {
        if (nComponents < 1) {
            throw new IllegalArgumentException("n_components must be at least 1, got " + nComponents);
        }
    }

    @Override
    public int outputDimension(int inputDimension) {
        return nComponents;
    }

    @Override
    public Fitted fit(Matrix x) {
        return partialFit(null, x);
    }

    @Override
    public Fitted partialFit(Fitted previous, Matrix batch) {
        Matrix stacked = batch;
        if (previous != null) {
            TruncatedSvd.FittedSvd state = (TruncatedSvd.FittedSvd) previous;
            if (state.components().cols() != batch.cols()) {
                throw new IllegalArgumentException("batch has " + batch.cols() + " columns, earlier batches had "
                        + state.components().cols());
            }
            stacked = stack(state, batch);
        } else if (batch.rows() < nComponents) {
            throw new IllegalArgumentException("the first batch needs at least n_components = " + nComponents + " rows, got "
                    + batch.rows());
        }
        // More power iterations than TruncatedSVD's default: errors would accumulate over batches.
        return new TruncatedSvd(nComponents, 7, 10, seed).fit(stacked);
    }

    /** Rows diag(S) Vt on top of the batch, as one sparse matrix. */
    private static SparseMatrix stack(TruncatedSvd.FittedSvd state, Matrix batch) {
        DenseMatrix vt = state.components();
        int k = vt.rows();
        int m = vt.cols();
        SparseMatrix b = batch instanceof SparseMatrix s ? s : SparseMatrix.fromDense(batch.toDense());
        int rows = k + b.rows();
        int[] indptr = new int[rows + 1];
        int nnz = k * m + b.nonZeros();
        int[] indices = new int[nnz];
        float[] data = new float[nnz];
        int p = 0;
        for (int r = 0; r < k; r++) {
            double sv = state.singularValues()[r];
            for (int c = 0; c < m; c++) {
                indices[p] = c;
                data[p++] = (float) (sv * vt.get(r, c));
            }
            indptr[r + 1] = p;
        }
        System.arraycopy(b.rawIndices(), 0, indices, p, b.nonZeros());
        System.arraycopy(b.rawData(), 0, data, p, b.nonZeros());
        for (int r = 0; r < b.rows(); r++) {
            indptr[k + r + 1] = p + b.rawIndptr()[r + 1];
        }
        return SparseMatrix.wrap(rows, m, indptr, indices, data);
    }
}
