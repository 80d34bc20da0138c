package org.topicj.sklearn;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.topicj.embed.EmbedderLifecycle;
import org.topicj.embed.StatefulEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * A {@link Pipeline} as an embedder, as BERTopic uses scikit-learn pipelines: fitted on the
 * documents of the first call (or of an explicit {@link #fit}), applied unchanged afterwards.
 * Output is sparse when the last step is a vectorizer (TopicJ then reduces it with Hellinger).
 *
 * <p>{@link #dimension()} is known up front when the pipeline ends in an SVD or a hashing
 * vectorizer; for a vocabulary-sized output it is known after fitting, and asking earlier throws.
 * {@link #key()} is present only for stateless pipelines: a fitted vocabulary or SVD cannot be
 * recreated from a key, so a saved topic model never silently refits.
 *
 * <p>Thread-safety: safe; the first fit happens once, under a lock, and {@code close} waits for calls in flight.
 */
public final class PipelineEmbedder implements StatefulEmbedder {
    private final Pipeline pipeline;
    private final String key;
    private final Object lock = new Object();
    private volatile Pipeline.Fitted fitted;
    private final EmbedderLifecycle lifecycle;

    /**
     * @param pipeline the steps
     * @param key the registry key it came from, or null
     */
    public PipelineEmbedder(Pipeline pipeline, String key) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.key = key;
        this.lifecycle = new EmbedderLifecycle(modelId());
    }

    /**
     * Fits on training documents now (instead of on the first call).
     *
     * @param documents training texts
     * @return the embeddings of the training documents (fit_transform)
     * @throws IllegalStateException if already fitted
     */
    public Matrix fit(List<String> documents) {
        ensureOpen();
        synchronized (lock) {
            if (fitted != null) {
                throw new IllegalStateException("pipeline '" + modelId() + "' is already fitted; open a new embedder to refit");
            }
            Pipeline.Fitted f = pipeline.fit(documents);
            fitted = f;
            return f.trainingOutput();
        }
    }

    /**
     * Learns from one more batch of documents (scikit-learn's {@code partial_fit}). Possible when the
     * vectorizer learns nothing (hashing) and every later step learns incrementally ({@code isvd})
     * or not at all ({@code normalize}), e.g. {@code sklearn:hashing+isvd(100)}.
     *
     * @param documents the next batch
     * @throws UnsupportedOperationException for pipelines that need all documents at once (a TF-IDF
     *     vocabulary, {@code svd}), naming the alternative
     */
    public void partialFit(List<String> documents) {
        ensureOpen();
        if (!pipeline.incremental()) {
            throw new UnsupportedOperationException("pipeline '" + modelId() + "' learns a vocabulary or an SVD from all "
                    + "documents at once and cannot be updated batch by batch; for streams use a hashing vectorizer with "
                    + "incremental steps, e.g. sklearn:hashing+isvd(100)");
        }
        synchronized (lock) {
            fitted = pipeline.partialFit(fitted, documents);
        }
    }

    /** Restores a fitted pipeline (see {@link #saveState}). */
    PipelineEmbedder(Pipeline pipeline, String key, Pipeline.Fitted restored) {
        this(pipeline, key);
        this.fitted = restored;
    }

    @Override
    public boolean isFitted() {
        return fitted != null;
    }

    @Override
    public String spec() {
        if (key == null) {
            throw new IllegalStateException("this pipeline was not opened by key, so it cannot be restored by one");
        }
        return key;
    }

    @Override
    public void saveState(java.nio.file.Path dir) {
        Pipeline.Fitted f = fitted;
        if (f == null) {
            throw new IllegalStateException("pipeline '" + modelId() + "' is not fitted; nothing to save");
        }
        PipelineState.save(spec(), f, dir);
    }

    @Override
    public Matrix embed(List<String> texts, ProgressListener progress) {
        return lifecycle.whileOpen(() -> embedOpen(texts, progress));
    }

    private Matrix embedOpen(List<String> texts, ProgressListener progress) {
        Objects.requireNonNull(texts, "texts");
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " is null; use \"\" for an empty document");
            }
        }
        Pipeline.Fitted f = fitted;
        if (f == null) {
            if (texts.isEmpty()) {
                return DenseMatrix.zeros(0, Math.max(0, pipeline.knownDimension()));
            }
            synchronized (lock) {
                if (fitted == null) {
                    fitted = pipeline.fit(texts);
                    ProgressListener.orNone(progress).update("embedding", texts.size(), texts.size());
                    return fitted.trainingOutput();
                }
                f = fitted;
            }
        }
        if (texts.isEmpty()) {
            return DenseMatrix.zeros(0, f.dimension());
        }
        Matrix out = f.transform(texts);
        ProgressListener.orNone(progress).update("embedding", texts.size(), texts.size());
        return out;
    }

    @Override
    public int dimension() {
        Pipeline.Fitted f = fitted;
        if (f != null) {
            return f.dimension();
        }
        int known = pipeline.knownDimension();
        if (known < 0) {
            throw new IllegalStateException("the dimension of pipeline '" + modelId() + "' is its vocabulary size, known "
                    + "once it is fitted; call fit(documents) or embed first");
        }
        return known;
    }

    @Override
    public boolean normalized() {
        List<MatrixStep> rest = pipeline.rest();
        if (rest.isEmpty()) {
            return pipeline.first() instanceof TfidfVectorizer t ? t.norm().equals("l2")
                    : pipeline.first() instanceof HashingVectorizer h && h.norm().equals("l2");
        }
        return rest.get(rest.size() - 1) instanceof Normalizer n && n.norm().equals("l2");
    }

    @Override
    public String modelId() {
        return key != null ? key : "sklearn pipeline";
    }

    @Override
    public Optional<String> key() {
        return pipeline.stateless() ? Optional.ofNullable(key) : Optional.empty();
    }

    private void ensureOpen() {
        lifecycle.ensureOpen();
    }

    /** Waits for calls in flight; later calls fail. Idempotent. */
    @Override
    public void close() {
        lifecycle.close(() -> { });
    }
}
