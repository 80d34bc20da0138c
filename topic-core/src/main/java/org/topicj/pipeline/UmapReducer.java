package org.topicj.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;
import org.topicj.progress.ProgressListener;
import org.topicj.umap.Umap;
import org.topicj.umap.UmapMetric;
import org.topicj.umap.UmapModel;

/**
 * UMAP as a topic model's reduction: a configured {@link Umap}, or BERTopic's defaults (15
 * neighbours, 5 components, min_dist 0, cosine; Hellinger for sparse input) chosen when the input
 * is seen.
 *
 * <p>Thread-safety: immutable.
 */
public final class UmapReducer implements Reducer {
    private final Umap umap;
    private final Long seed;

    private UmapReducer(Umap umap, Long seed) {
        this.umap = umap;
        this.seed = seed;
    }

    /** @param umap the configured UMAP @return a reducer that runs it */
    public static UmapReducer of(Umap umap) {
        return new UmapReducer(Objects.requireNonNull(umap, "umap"), null);
    }

    /**
     * @param seed the random seed, or null for an unseeded (parallel, not reproducible) layout
     * @return BERTopic's default UMAP, its metric picked from the input (cosine, Hellinger if sparse)
     */
    public static UmapReducer bertopicDefaults(Long seed) {
        return new UmapReducer(null, seed);
    }

    @Override
    public Reduction fit(Matrix embeddings, ProgressListener progress) {
        return fit(embeddings, null, progress);
    }

    /** UMAP's categorical target metric: see {@link Umap#fit(Matrix, int[], ProgressListener)}. */
    @Override
    public boolean usesLabels() {
        return true;
    }

    @Override
    public Reduction fit(Matrix embeddings, int[] labels, ProgressListener progress) {
        Umap u = umap != null ? umap : defaults(embeddings instanceof SparseMatrix);
        UmapModel model = u.fit(embeddings, labels, progress);
        return new Reduction(new Fitted(model), model.embedding());
    }

    private Umap defaults(boolean sparse) {
        Umap.Builder b = Umap.builder().neighbours(15).components(5).minDist(0.0)
                .metric(sparse ? UmapMetric.HELLINGER : UmapMetric.COSINE);
        if (seed != null) {
            b.seed(seed);
        }
        return b.build();
    }

    /** A fitted UMAP as a stage. Thread-safety: as {@link UmapModel}. */
    static final class Fitted implements FittedReducer {
        static final String TYPE = "umap";
        private final UmapModel model;

        Fitted(UmapModel model) {
            this.model = model;
        }

        @Override
        public DenseMatrix transform(Matrix embeddings) {
            return model.transform(embeddings);
        }

        @Override
        public int components() {
            return model.embedding().cols();
        }

        @Override
        public Optional<DenseMatrix> trainingEmbedding() {
            return Optional.of(model.embedding());
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void save(Path dir) {
            model.save(dir);
        }

        static Fitted load(Path dir) {
            return new Fitted(UmapModel.load(dir));
        }
    }
}
