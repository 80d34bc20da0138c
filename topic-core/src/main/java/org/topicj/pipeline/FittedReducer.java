package org.topicj.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;

/**
 * A learnt reduction: places new documents where the training documents were placed. Saved by a
 * topic model into a folder of its own, and loaded back by its {@link #type()} through
 * {@link Stages}.
 *
 * <p>Thread-safety: implementations must allow concurrent {@link #transform} calls.
 */
public interface FittedReducer {

    /**
     * @param embeddings new documents' embeddings, computed as the training ones were
     * @return their reduced coordinates, one row each
     */
    DenseMatrix transform(Matrix embeddings);

    /** @return the number of reduced dimensions */
    int components();

    /** @return the training documents' reduced coordinates if the reducer keeps them (UMAP does) */
    default Optional<DenseMatrix> trainingEmbedding() {
        return Optional.empty();
    }

    /** @return the name {@link Stages} loads this kind by, e.g. {@code "umap"} */
    String type();

    /**
     * Writes what {@link #transform} needs as JSON and {@code .npy} files (nothing executable).
     *
     * @param dir an empty folder to write into
     */
    void save(Path dir);
}
