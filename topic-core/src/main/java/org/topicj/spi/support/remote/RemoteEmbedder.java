package org.topicj.spi.support.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.embed.PartialEmbeddingException;
import org.topicj.embed.RemoteCallException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * The shared engine of the remote embedding backends (OpenAI, Cohere, compatible servers): texts
 * are split into batches by count and by an estimate of tokens; batches run with a bounded number
 * of requests in flight and an optional pause between them; a batch that fails with 429, 5xx, a
 * timeout or a network error is retried with exponential backoff and jitter, honouring Retry-After;
 * empty texts are sent as a single space and keep their place; order is preserved; progress is
 * reported. With a cache folder nothing is embedded twice, and an interrupted run resumes where it
 * stopped; a run that still fails reports, in {@link PartialEmbeddingException}, what is done.
 *
 * <p>API keys live only in the backend's client: never in this class, its messages or its cache.
 *
 * <p>Thread-safety: safe for concurrent callers.
 */
public class RemoteEmbedder extends AbstractEmbedder {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteEmbedder.class);

    private final String provider;
    private final BatchClient client;
    private final RemoteOptions options;
    private final EmbeddingCache cache;
    // One pool for the embedder's life (not one per call): at most max_in_flight requests at once.
    private final ExecutorService requests;

    /**
     * @param provider the provider's name, for messages
     * @param modelId the model
     * @param dimension vector size
     * @param normalized whether vectors have unit norm
     * @param key the registry key, or null
     * @param cacheIdentity model and every option that changes vectors, without secrets
     * @param client sends one batch
     * @param options batching, retries, cache
     */
    public RemoteEmbedder(String provider, String modelId, int dimension, boolean normalized, String key,
                          String cacheIdentity, BatchClient client, RemoteOptions options) {
        super(modelId, dimension, normalized, key);
        this.provider = provider;
        this.client = client;
        this.options = options;
        this.cache = options.cacheDir() == null ? null : new EmbeddingCache(options.cacheDir(), provider + "\n" + cacheIdentity);
        AtomicInteger thread = new AtomicInteger();
        this.requests = Executors.newFixedThreadPool(options.maxInFlight(), r -> {
            Thread t = new Thread(r, provider + "-request-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the options in use */
    public RemoteOptions options() {
        return options;
    }

    @Override
    protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
        int n = texts.size();
        int d = dimension();
        float[][] out = new float[n][];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] cached = cache == null ? null : cache.get(texts.get(i), d);
            if (cached != null) {
                out[i] = cached;
            } else {
                todo.add(i);
            }
        }
        AtomicInteger done = new AtomicInteger(n - todo.size());
        if (done.get() > 0) {
            LOG.debug("{}: {} of {} texts from the cache", provider, done.get(), n);
            progress.update("embedding", done.get(), n);
        }
        List<List<Integer>> batches = batches(texts, todo);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int b = 0; b < batches.size(); b++) {
                if (b > 0 && !options.delayBetweenBatches().isZero()) {
                    Retries.sleep(options.delayBetweenBatches());
                }
                List<Integer> batch = batches.get(b);
                futures.add(requests.submit(() -> {
                    float[][] vectors = callWithRetries(batch.stream().map(i -> sendable(texts.get(i))).toList());
                    for (int k = 0; k < batch.size(); k++) {
                        int i = batch.get(k);
                        out[i] = vectors[k];
                        if (cache != null) {
                            cache.put(texts.get(i), vectors[k]);
                        }
                    }
                    progress.update("embedding", done.addAndGet(batch.size()), n);
                    return null;
                }));
            }
            Throwable failure = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = e;
                    break;
                }
            }
            if (failure != null) {
                throw partial(out, n, failure);
            }
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(out[i], 0, flat, i * d, d);
        }
        return DenseMatrix.wrap(n, d, flat);
    }

    private PartialEmbeddingException partial(float[][] out, int n, Throwable failure) {
        Map<Integer, float[]> completed = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (out[i] != null) {
                completed.put(i, out[i]);
            }
        }
        return new PartialEmbeddingException(provider + " embedding failed after retries: " + failure.getMessage() + "; "
                + completed.size() + " of " + n + " texts are done and kept"
                + (cache != null ? " in the cache at " + options.cacheDir() + "; run it again to send only the rest"
                : "; give the option cache_dir (the CLI: --cache DIR) so that a rerun sends only the rest"),
                completed, n, failure);
    }

    /** "" (and blank text) breaks some APIs; a single space keeps its place with a well-defined vector. */
    static String sendable(String text) {
        return text.isBlank() ? " " : text;
    }

    static int estimateTokens(String text) {
        return text.length() / 4 + 1;
    }

    private List<List<Integer>> batches(List<String> texts, List<Integer> todo) {
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int tokens = 0;
        for (int i : todo) {
            int t = estimateTokens(texts.get(i));
            if (!current.isEmpty() && (current.size() >= options.batchSize() || tokens + t > options.tokensPerBatch())) {
                out.add(current);
                current = new ArrayList<>();
                tokens = 0;
            }
            current.add(i);
            tokens += t;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** Sends one batch until it succeeds or fails for good ({@link Retries}). */
    private float[][] callWithRetries(List<String> batch) {
        return Retries.call(provider, options, () -> checkedShape(client.embed(batch), batch.size()));
    }

    /** An answer with the wrong number of vectors, or vectors of the wrong size, is a failed (retryable) call. */
    private float[][] checkedShape(float[][] v, int texts) {
        if (v == null || v.length != texts) {
            throw new RemoteCallException(provider + " returned " + (v == null ? "no" : v.length) + " vectors for " + texts
                    + " texts", -1, null, null);
        }
        for (float[] row : v) {
            if (row == null || row.length != dimension()) {
                throw new RemoteCallException(provider + " returned a vector of " + (row == null ? 0 : row.length)
                        + " values, expected " + dimension(), -1, null, null);
            }
            for (float x : row) {
                if (!Float.isFinite(x)) {
                    throw new RemoteCallException(provider + " returned a vector with NaN or infinite values", -1, null, null);
                }
            }
        }
        return v;
    }

    /** Stops the request threads, then lets the backend close its client ({@link #closeClient()}). */
    @Override
    protected final void release() {
        requests.shutdownNow();
        closeClient();
    }

    /** Closes the backend's HTTP client; called once, after the last request. Does nothing by default. */
    protected void closeClient() {
    }
}
