package org.topicj.embed;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.topicj.internal.KeyOptionsAccess;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.VectorMath;
import org.topicj.progress.ProgressListener;

/**
 * A convenient base for backends: checks the input, answers an empty list without calling the
 * model, refuses calls after {@link #close()}, makes {@code close} idempotent, and never frees the
 * backend's resources under a running call. A subclass implements
 * {@link #embedChecked(List, ProgressListener)} and, if it holds native resources, {@link #release()}.
 *
 * <p>Close versus embed ({@link EmbedderLifecycle}): every {@code embedChecked} runs under the read
 * side of one lock and {@link #release()} under its write side, so a {@code close()} from another thread waits for the
 * calls in flight to finish and later calls fail with {@link IllegalStateException}. A backend with
 * other entry points (images, say) wraps them in {@link #whileOpen(Supplier)}.
 *
 * <p>Thread-safety: this class is; subclasses must keep {@code embedChecked} safe to call
 * from several threads.
 */
public abstract class AbstractEmbedder implements Embedder {
    static {
        KeyOptionsAccess.install((embedder, options) -> ((AbstractEmbedder) embedder).keyOptions = Map.copyOf(options));
    }

    private final String modelId;
    private final int dimension;
    private final boolean normalized;
    private final String key;
    // Set once by the registry right after the provider returns, before the caller sees the embedder.
    private volatile Map<String, String> keyOptions = Map.of();
    private final EmbedderLifecycle lifecycle;

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
        this.lifecycle = new EmbedderLifecycle(modelId);
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
        Matrix result = whileOpen(() -> embedChecked(texts, ProgressListener.orNone(progress)));
        if (result.rows() != texts.size() || result.cols() != dimension) {
            throw new IllegalStateException(getClass().getName() + " returned a " + result.rows() + " x "
                    + result.cols() + " matrix for " + texts.size() + " texts of dimension " + dimension);
        }
        return result;
    }

    /**
     * Embeds a non-empty list of non-null texts. Runs while the embedder is open: {@link #release()}
     * cannot start until it returns.
     *
     * @param texts the texts, at least one
     * @param progress never {@code null}
     * @return a {@code texts.size() x dimension()} matrix
     */
    protected abstract Matrix embedChecked(List<String> texts, ProgressListener progress);

    /**
     * Runs work that uses the backend's resources, holding off {@link #close()} until it is done.
     *
     * @param work the work
     * @param <T> its result
     * @return what the work returned
     * @throws IllegalStateException if the embedder is closed
     */
    protected final <T> T whileOpen(Supplier<T> work) {
        return lifecycle.whileOpen(work);
    }

    /**
     * Scales each row to unit L2 norm in place ({@link VectorMath#normalizeRows}: all-zero rows stay zero).
     *
     * @param data rows of {@code cols} values
     * @param cols the row length
     */
    protected static void normalizeRows(float[] data, int cols) {
        VectorMath.normalizeRows(data, cols);
    }

    /**
     * Frees what this embedder holds; called once, by the first {@link #close()}, after every call in
     * flight has returned.
     */
    protected void release() {
    }

    /** @throws IllegalStateException if this embedder has been closed */
    protected final void ensureOpen() {
        lifecycle.ensureOpen();
    }

    /** @return true once {@link #close()} has been called */
    protected final boolean isClosed() {
        return lifecycle.isClosed();
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

    /**
     * Closes the embedder: waits for the calls in flight, then {@link #release() releases} its
     * resources once. Idempotent.
     *
     * @throws IllegalStateException if called from inside one of this embedder's own calls (it would wait for itself)
     */
    @Override
    public final void close() {
        lifecycle.close(this::release);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + modelId + ", dim " + dimension + (isClosed() ? ", closed" : "") + "]";
    }
}
