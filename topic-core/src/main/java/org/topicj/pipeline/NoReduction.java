package org.topicj.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * No reduction (BERTopic's {@code BaseDimensionalityReduction}): the clustering sees the embeddings
 * as they are. For clusterers that cope with high dimensions, or embeddings already reduced
 * elsewhere. Sparse embeddings are made dense.
 *
 * <p>Thread-safety: immutable.
 */
public final class NoReduction implements Reducer {

    /** Creates the stage. */
    public NoReduction() {
    }

    @Override
    public Reduction fit(Matrix embeddings, ProgressListener progress) {
        DenseMatrix dense = embeddings.toDense();
        return new Reduction(new Fitted(dense.cols()), dense);
    }

    /** The identity, remembering the dimension it was fitted on. */
    static final class Fitted implements FittedReducer {
        static final String TYPE = "none";
        private final int dimension;

        Fitted(int dimension) {
            this.dimension = dimension;
        }

        @Override
        public DenseMatrix transform(Matrix embeddings) {
            if (embeddings.cols() != dimension) {
                throw new IllegalArgumentException("embeddings have " + embeddings.cols() + " columns; the model was fitted on "
                        + dimension);
            }
            return embeddings.toDense();
        }

        @Override
        public int components() {
            return dimension;
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void save(Path dir) {
            ModelFiles.mkdirs(dir);
            ModelFiles.writeJson(dir.resolve("none.json"), ModelFiles.object().put("format", "topicj-no-reduction").put("version", 1)
                    .put("dimension", dimension));
        }

        static Fitted load(Path dir) {
            Path file = dir.resolve("none.json");
            JsonNode j = ModelFiles.readJson(file, "topicj-no-reduction", 1);
            return new Fitted(ModelFiles.requirePositiveInt(j, "dimension", file));
        }
    }
}
