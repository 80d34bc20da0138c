package org.topicj.concurrent;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The worker threads of TopicJ's parallel algorithms (neighbour search, layout, spanning trees):
 * one shared pool per degree of parallelism, created on first use and kept for the life of the
 * JVM (daemon threads, idle ones retire), instead of a new pool per call. Work runs inside the pool
 * so its parallel streams use exactly that many threads, never the common pool.
 *
 * <p>Not API: for TopicJ's own packages. Thread-safety: safe.
 */
public final class Workers {
    private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private Workers() {
    }

    /**
     * Runs work (which may use parallel streams) on {@code threads} threads and waits for it.
     *
     * @param threads degree of parallelism, &ge; 1 (values below are taken as 1)
     * @param work the work
     */
    public static void run(int threads, Runnable work) {
        pool(threads).submit(work).join();
    }

    /**
     * Calls {@code body} for every index in {@code [0, n)} on {@code threads} threads.
     *
     * @param threads degree of parallelism
     * @param n number of indices
     * @param body what to do with one index; must be safe to run concurrently
     */
    public static void forEach(int threads, int n, IntConsumer body) {
        if (threads <= 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        run(threads, () -> IntStream.range(0, n).parallel().forEach(body));
    }

    /**
     * @param threads degree of parallelism
     * @return the shared pool of that size
     */
    public static ForkJoinPool pool(int threads) {
        int size = Math.max(1, Math.min(threads, 256));
        return POOLS.computeIfAbsent(size, Workers::create);
    }

    private static ForkJoinPool create(int size) {
        int number = POOL_NUMBER.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("topicj-worker-" + number + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ForkJoinPool(size, factory, null, false);
    }
}
