package org.topicj.embed;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Open-or-closed state for an embedder, with the rule that closing never frees resources under a
 * running call: calls run under the read side of one lock, {@link #close(Runnable)} takes the write
 * side, so it waits for the calls in flight and later calls fail with {@link IllegalStateException}.
 * {@link AbstractEmbedder} uses one; an embedder that cannot extend it (its dimension is learnt, say)
 * holds one itself.
 *
 * <p>Thread-safety: safe.
 */
public final class EmbedderLifecycle {
    private final String modelId;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /** @param modelId the embedder's model id, for messages */
    public EmbedderLifecycle(String modelId) {
        this.modelId = Objects.requireNonNull(modelId, "modelId");
    }

    /**
     * Runs a call that uses the embedder's resources; {@link #close} waits until it returns.
     *
     * @param work the call
     * @param <T> its result
     * @return what it returned
     * @throws IllegalStateException if the embedder is closed
     */
    public <T> T whileOpen(Supplier<T> work) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Closes once: waits for the calls in flight, then runs {@code release}. Idempotent.
     *
     * @param release frees the resources; runs at most once
     * @throws IllegalStateException if called from inside one of the embedder's own calls (it would wait for itself)
     */
    public void close(Runnable release) {
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("embedder '" + modelId + "' cannot be closed from inside its own embedding call");
        }
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                release.run();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @throws IllegalStateException if closed */
    public void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("embedder '" + modelId + "' is closed");
        }
    }

    /** @return whether {@link #close} has begun */
    public boolean isClosed() {
        return closed;
    }
}
