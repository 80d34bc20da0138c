package org.topicj.embed;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * A convenient base for backends: checks the input, answers an empty list without calling the
 * model, refuses calls after {@link #close()}, and makes {@code close} idempotent. A subclass
 * implements {@link #embedChecked(List, ProgressListener)} and, if it holds native resources,
 * {@link #release()}.
 *
 * <p>Thread-safety: this class is; subclasses must keep {@code embedChecked} safe to call
 * from several threads.
 */
public abstract class AbstractEmbedder implements Embedder {
    private final String modelId;
    private final int dimension;
    private final boolean normalized;
    private final String key;
    // Set once by the registry right after the provider returns, before the caller sees the embedder.
    private volatile Map<String, String> keyOptions = Map.of();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param modelId the model's id
     * @param dimension columns of every result, &gt; 0
     * @param normalized whether rows have unit norm
     * @param key the registry key that reopens this model, or {@code null} if none does
     */
    protected AbstractEmbedder(String modelId, int dimension, boolean normalized, String key) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension + " for " + modelId);
        }
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.dimension = dimension;
        this.normalized = normalized;
        this.key = key;
    }

    @Override
    public final Matrix embed(List<String> texts, ProgressListener progress) {
        ensureOpen();
        Objects.requireNonNull(texts, "texts");
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " is null; use \"\" for an empty document");
            }
        }
        if (texts.isEmpty()) {
            return DenseMatrix.zeros(0, dimension);
        }
        Matrix result = embedChecked(texts, ProgressListener.orNone(progress));
        if (result.rows() != texts.size() || result.cols() != dimension) {
            throw new IllegalStateException(getClass().getName() + " returned a " + result.rows() + " x "
                    + result.cols() + " matrix for " + texts.size() + " texts of dimension " + dimension);
        }
        return result;
    }

    /**
     * Embeds a non-empty list of non-null texts.
     *
     * @param texts the texts, at least one
     * @param progress never {@code null}
     * @return a {@code texts.size() x dimension()} matrix
     */
    protected abstract Matrix embedChecked(List<String> texts, ProgressListener progress);

    /**
     * Scales each row of a row-major array to unit L2 norm, in place; all-zero rows stay zero.
     *
     * @param data rows of {@code cols} values
     * @param cols the row length
     */
    protected static void normalizeRows(float[] data, int cols) {
        for (int row = 0; row < data.length; row += cols) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += (double) data[row + j] * data[row + j];
            }
            if (sum > 0) {
                double inv = 1 / Math.sqrt(sum);
                for (int j = 0; j < cols; j++) {
                    data[row + j] = (float) (data[row + j] * inv);
                }
            }
        }
    }

    /** Frees what this embedder holds; called once, by the first {@link #close()}. */
    protected void release() {
    }

    /** @throws IllegalStateException if this embedder has been closed */
    protected final void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("embedder '" + modelId + "' is closed");
        }
    }

    /** @return true once {@link #close()} has been called */
    protected final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final int dimension() {
        return dimension;
    }

    @Override
    public final boolean normalized() {
        return normalized;
    }

    @Override
    public final String modelId() {
        return modelId;
    }

    @Override
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    @Override
    public Map<String, String> keyOptions() {
        return keyOptions;
    }

    /** Called by {@link EmbedderRegistry#open(String, Map)} with the options minus secret ones. */
    final void recordKeyOptions(Map<String, String> options) {
        this.keyOptions = Map.copyOf(options);
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + modelId + ", dim " + dimension + (isClosed() ? ", closed" : "") + "]";
    }
}
