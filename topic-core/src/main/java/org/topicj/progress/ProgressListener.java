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
     * Wraps a listener so that, per task, it only ever hears a count at least as high as the last one
     * (and the final count always): stages that report from several threads can finish their updates
     * out of order, and a bar must never move backwards.
     *
     * @param listener the listener
     * @return a thread-safe listener that drops stale updates
     */
    static ProgressListener monotonic(ProgressListener listener) {
        if (listener == NONE || listener instanceof Monotonic) {
            return listener;
        }
        return new Monotonic(listener);
    }

    /** See {@link #monotonic}. */
    final class Monotonic implements ProgressListener {
        private final ProgressListener target;
        private final java.util.concurrent.ConcurrentHashMap<String, Long> last = new java.util.concurrent.ConcurrentHashMap<>();

        private Monotonic(ProgressListener target) {
            this.target = target;
        }

        @Override
        public void update(String task, long done, long total) {
            // The task's entry is updated and reported under its map lock, so reports never interleave backwards.
            last.compute(task + "\u0000" + total, (k, seen) -> {
                if (seen != null && done < seen) {
                    return seen;
                }
                target.update(task, done, total);
                return done;
            });
        }
    }

    /**
     * @param listener a listener or {@code null}
     * @return {@code listener}, or {@link #NONE} for {@code null}
     */
    static ProgressListener orNone(ProgressListener listener) {
        return listener == null ? NONE : listener;
    }
}
