package org.topicj.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.Npy;
import org.topicj.matrix.SparseMatrix;
import org.topicj.online.IncrementalPca;
import org.topicj.progress.ProgressListener;

/**
 * Principal components as a topic model's reduction (BERTopic lets PCA stand in for UMAP, and uses
 * incremental PCA online). {@link #fit} learns the components from all embeddings at once (exact
 * PCA); {@link #incremental()} gives the chunk-by-chunk form. Signs follow scikit-learn.
 *
 * <p>Thread-safety: immutable; the incremental form is not thread-safe while fitting.
 */
public final class PcaReducer implements Reducer {
    private final int components;

    /** @param components dimensions to keep, &gt; 0 (BERTopic online: 5) */
    public PcaReducer(int components) {
        if (components <= 0) {
            throw new IllegalArgumentException("components must be positive, got " + components);
        }
        this.components = components;
    }

    /**
     * @param pca a fitted (or empty) incremental PCA
     * @return it as an incremental stage
     */
    public static IncrementalReducer of(IncrementalPca pca) {
        return new Fitted(java.util.Objects.requireNonNull(pca, "pca"));
    }

    /** @return an empty incremental PCA with this many components */
    public IncrementalReducer incremental() {
        return new Fitted(new IncrementalPca(components));
    }

    @Override
    public Reduction fit(Matrix embeddings, ProgressListener progress) {
        if (embeddings instanceof SparseMatrix) {
            throw new IllegalArgumentException("PCA needs dense embeddings; reduce sparse (TF-IDF) input with UMAP's "
                    + "Hellinger metric, or embed densely first (e.g. sklearn:tfidf+svd(100))");
        }
        Fitted fitted = new Fitted(new IncrementalPca(components));
        fitted.partialFit(embeddings);
        progress.update("pca", 1, 1);
        return new Reduction(fitted, fitted.transform(embeddings));
    }

    /** Incremental PCA as a stage. */
    static final class Fitted implements IncrementalReducer {
        static final String TYPE = "pca";
        private final IncrementalPca pca;

        Fitted(IncrementalPca pca) {
            this.pca = pca;
        }

        @Override
        public UnaryOperator<double[]> partialFit(Matrix chunk) {
            if (pca.samplesSeen() == 0) {
                pca.partialFit(chunk);
                return UnaryOperator.identity();
            }
            IncrementalPca before = IncrementalPca.restore(pca.state(), pca.samplesSeen());
            pca.partialFit(chunk);
            // A point of the old coordinates stands for before.inverseTransform(z) in embedding space.
            return z -> pca.project(before.inverseTransform(z));
        }

        @Override
        public long samplesSeen() {
            return pca.samplesSeen();
        }

        @Override
        public IncrementalReducer copy() {
            return new Fitted(pca.samplesSeen() == 0 ? new IncrementalPca(pca.components())
                    : IncrementalPca.restore(pca.state(), pca.samplesSeen()));
        }

        @Override
        public DenseMatrix transform(Matrix embeddings) {
            return pca.transform(embeddings);
        }

        @Override
        public int components() {
            return pca.components();
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void save(Path dir) {
            if (pca.samplesSeen() == 0) {
                throw new IllegalStateException("the PCA has learnt nothing yet; nothing to save");
            }
            double[][] state = pca.state();
            int dim = state[0].length;
            ModelFiles.mkdirs(dir);
            Npy.writeDoubles(dir.resolve("mean.npy"), state[0]);
            Npy.writeDoubles(dir.resolve("singular_values.npy"), state[1]);
            double[] basis = new double[pca.components() * dim];
            for (int c = 0; c < pca.components(); c++) {
                System.arraycopy(state[c + 2], 0, basis, c * dim, dim);
            }
            Npy.writeDoubles(dir.resolve("components.npy"), basis);
            ModelFiles.writeJson(dir.resolve("pca.json"), ModelFiles.object().put("format", "topicj-pca").put("version", 1)
                    .put("components", pca.components()).put("dimension", dim).put("samplesSeen", pca.samplesSeen()));
        }

        static Fitted load(Path dir) {
            Path file = dir.resolve("pca.json");
            JsonNode j = ModelFiles.readJson(file, "topicj-pca", 1);
            int k = ModelFiles.requirePositiveInt(j, "components", file);
            int dim = ModelFiles.requirePositiveInt(j, "dimension", file);
            long seen = ModelFiles.require(j, "samplesSeen", file).asLong();
            double[] mean = ModelFiles.requireLength(Npy.readDoubles(ModelFiles.requireFile(dir.resolve("mean.npy"))), dim,
                    dir.resolve("mean.npy"));
            double[] singular = ModelFiles.requireLength(Npy.readDoubles(ModelFiles.requireFile(dir.resolve("singular_values.npy"))),
                    k, dir.resolve("singular_values.npy"));
            double[] basis = ModelFiles.requireLength(Npy.readDoubles(ModelFiles.requireFile(dir.resolve("components.npy"))),
                    (long) k * dim, dir.resolve("components.npy"));
            double[][] state = new double[k + 2][];
            state[0] = mean;
            state[1] = singular;
            for (int c = 0; c < k; c++) {
                state[c + 2] = java.util.Arrays.copyOfRange(basis, c * dim, (c + 1) * dim);
            }
            return new Fitted(IncrementalPca.restore(state, seen));
        }
    }
}
