package org.topicj.progress;

/**
 * Receives progress from long work (embedding, nearest neighbours, optimisation) so a caller can
 * draw a bar, log, or decide to give up. Called from the thread doing the work, possibly from
 * several threads at once for multithreaded stages: implementations must be thread-safe and quick.
 *
 * <p>{@code done} never decreases within one task; {@code total} may be {@code -1} when unknown.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (task, done, total) -> { };

    /**
     * Reports that {@code done} of {@code total} units of {@code task} are complete.
     *
     * @param task a short name of the stage, such as {@code "embedding"}
     * @param done units completed so far, 0 &le; done &le; total
     * @param total units in all, or -1 if not known
     */
    void update(String task, long done, long total);

    /**
     * @param listener a listener or {@code null}
     * @return {@code listener}, or {@link #NONE} for {@code null}
     */
    static ProgressListener orNone(ProgressListener listener) {
        return listener == null ? NONE : listener;
    }
}
