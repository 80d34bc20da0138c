package org.topicj.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.RemoteCallException;
import org.topicj.spi.support.remote.RemoteOptions;
import org.topicj.spi.support.remote.Retries;
import org.topicj.topics.Representation;
import org.topicj.topics.Topic;

/**
 * Topic labels from a chat model (BERTopic's {@code representation.OpenAI}): for each topic the
 * model is asked, with BERTopic's prompt, for a short label from the topic's keywords (its 30 best
 * c-TF-IDF words) and its representative documents (4 by default); the answer's first line, with
 * {@code "topic: "} removed, becomes {@link Topic#label()} and the topic's name {@code "{id}_{label}"},
 * while {@link Topic#words()} keep the keywords. Works with the OpenAI API and any
 * OpenAI-compatible chat server ({@link Builder#baseUrl}: llama.cpp, vLLM, Ollama, LM Studio).
 *
 * <p>Requests run {@link RemoteOptions#maxInFlight()} at a time and are retried as embeddings are
 * ({@link Retries}: 429, 5xx, timeouts, cut connections, an answer without content); with a cache
 * folder a label is never paid for twice, so a fit that fails or is interrupted resumes. Labels are
 * saved with the model; the labeller itself is not (a loaded model keeps its labels and asks no one).
 * The API key stays in the HTTP client: never in messages, logs or the cache.
 *
 * <pre>{@code
 * try (OpenAiTopicLabels labels = OpenAiTopicLabels.builder().model("gpt-4o-mini").build()) {
 *     TopicModel model = TopicModeler.builder().representation(labels).build().fit(docs);
 * }
 * }</pre>
 *
 * <p>Where TopicJ differs from BERTopic 0.17.4: an answer without content is retried and then fails
 * (BERTopic crashes on it); an empty label fails the fit with the topic named (BERTopic keeps "");
 * rate limits are retried by default (BERTopic only with {@code exponential_backoff=True}).
 *
 * <p>Thread-safety: safe for concurrent use; {@link #close()} ends the HTTP client.
 */
public final class OpenAiTopicLabels implements Representation, AutoCloseable {
    private static final int CANDIDATES = 30;

    private final OpenAIClient client;
    private final String model;
    private final ChatPrompt prompt;
    private final String systemPrompt;
    private final int nrDocs;
    private final Integer documentLength;
    private final String stop;
    private final Double temperature;
    private final RemoteOptions remote;
    private final LabelCache cache;
    private final ExecutorService requests;

    private OpenAiTopicLabels(Builder b, OpenAIClient client, String server) {
        this.client = client;
        this.model = b.model;
        this.prompt = b.prompt;
        this.systemPrompt = b.systemPrompt;
        this.nrDocs = b.nrDocs;
        this.documentLength = b.documentLength;
        this.stop = b.stop;
        this.temperature = b.temperature;
        this.remote = b.remote;
        this.cache = b.remote.cacheDir() == null ? null : new LabelCache(b.remote.cacheDir(),
                server + "\n" + model + "\nstop=" + stop + "\ntemperature=" + temperature);
        this.requests = Executors.newFixedThreadPool(b.remote.maxInFlight(), r -> {
            Thread t = new Thread(r, "openai-labels");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return a builder: model gpt-4o-mini, BERTopic's prompts, 4 documents, stop at the first newline */
    public static Builder builder() {
        return new Builder(System::getenv);
    }

    static Builder builder(Function<String, String> env) {
        return new Builder(env);
    }

    @Override
    public int candidateWords() {
        return CANDIDATES;
    }

    @Override
    public boolean producesLabels() {
        return true;
    }

    @Override
    public List<Topic.Word> represent(int topicId, List<Topic.Word> candidates, Context context) {
        return representAll(new int[] {topicId}, List.of(candidates), context).get(0);
    }

    /** Builds every prompt on the calling thread (the context is single-threaded), then asks for the labels concurrently. */
    @Override
    public List<List<Topic.Word>> representAll(int[] topicIds, List<List<Topic.Word>> candidates, Context context) {
        if (requests.isShutdown()) {
            throw new IllegalStateException("these OpenAiTopicLabels are closed; a model that describes topics again (reductions, "
                    + "topics over time, hierarchies with fine-tuning) needs its labeller open");
        }
        List<String> prompts = new ArrayList<>(topicIds.length);
        for (int i = 0; i < topicIds.length; i++) {
            List<String> docs = context.representativeDocs(topicIds[i], nrDocs).stream().map(this::truncate).toList();
            prompts.add(prompt.fill(docs, candidates.get(i).stream().map(Topic.Word::word).toList()));
        }
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (String p : prompts) {
                answers.add(requests.submit(() -> label(p)));
            }
            List<List<Topic.Word>> out = new ArrayList<>(topicIds.length);
            for (int i = 0; i < answers.size(); i++) {
                out.add(List.of(new Topic.Word(get(answers.get(i), topicIds[i]), 1.0)));
            }
            return out;
        } finally {
            answers.forEach(f -> f.cancel(true));
        }
    }

    private static String get(Future<String> answer, int topicId) {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RemoteCallException r) {
                throw new RemoteCallException("labelling topic " + topicId + ": " + r.getMessage(), r.status(), null, r);
            }
            throw new IllegalStateException("labelling topic " + topicId + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCallException("interrupted while labelling topic " + topicId, -1, null, e);
        }
    }

    private String truncate(String doc) {
        return documentLength == null || doc.length() <= documentLength ? doc : doc.substring(0, documentLength);
    }

    /** One label: from the cache, else from the chat model (with retries), then cached. */
    private String label(String userPrompt) {
        String cached = cache == null ? null : cache.get(systemPrompt, userPrompt);
        if (cached != null) {
            return cached;
        }
        String label = Retries.call("openai chat", remote, () -> ask(userPrompt));
        if (cache != null) {
            cache.put(systemPrompt, userPrompt, label);
        }
        return label;
    }

    private String ask(String userPrompt) {
        ChatCompletionCreateParams.Builder p = ChatCompletionCreateParams.builder().model(model)
                .addSystemMessage(systemPrompt).addUserMessage(userPrompt);
        if (stop != null) {
            p.stop(stop);
        }
        if (temperature != null) {
            p.temperature(temperature);
        }
        try {
            ChatCompletion c = client.chat().completions().create(p.build());
            if (c.choices().isEmpty() || c.choices().get(0).message().content().isEmpty()) {
                throw new RemoteCallException("the chat model returned no content", -1, null, null);
            }
            // BERTopic: strip, then remove every exact "topic: ".
            return c.choices().get(0).message().content().get().strip().replace("topic: ", "");
        } catch (OpenAIServiceException e) {
            throw OpenAiClients.failure("openai chat", e);
        } catch (OpenAIIoException e) {
            throw OpenAiClients.failure("openai chat", e);
        }
    }

    /** Stops the request threads and closes the HTTP client. */
    @Override
    public void close() {
        requests.shutdownNow();
        client.close();
    }

    /** Options for {@link OpenAiTopicLabels}. Not thread-safe; build once. */
    public static final class Builder {
        private final Function<String, String> env;
        private String model = "gpt-4o-mini";
        private String apiKey;
        private String baseUrl;
        private ChatPrompt prompt = ChatPrompt.bertopicDefault();
        private String systemPrompt = ChatPrompt.DEFAULT_SYSTEM_PROMPT;
        private int nrDocs = 4;
        private Integer documentLength;
        private String stop = "\n";
        private Double temperature;
        private Duration timeout = Duration.ofSeconds(60);
        private RemoteOptions remote = RemoteOptions.defaults(1);

        private Builder(Function<String, String> env) {
            this.env = env;
        }

        /** @param name the chat model (BERTopic's {@code model}) @return this */
        public Builder model(String name) {
            this.model = requireText(name, "model");
            return this;
        }

        /** @param key the API key (else {@code OPENAI_API_KEY}); never logged or cached @return this */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** @param url an OpenAI-compatible server, e.g. {@code http://127.0.0.1:8080/v1} (else {@code OPENAI_BASE_URL}) @return this */
        public Builder baseUrl(String url) {
            this.baseUrl = url;
            return this;
        }

        /** @param p the user prompt (BERTopic's {@code prompt}) @return this */
        public Builder prompt(ChatPrompt p) {
            this.prompt = Objects.requireNonNull(p, "prompt");
            return this;
        }

        /** @param p the system prompt (BERTopic's {@code system_prompt}) @return this */
        public Builder systemPrompt(String p) {
            this.systemPrompt = Objects.requireNonNull(p, "systemPrompt");
            return this;
        }

        /** @param n representative documents per topic in the prompt (BERTopic's {@code nr_docs}, default 4) @return this */
        public Builder nrDocs(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("nrDocs must be >= 0, got " + n);
            }
            this.nrDocs = n;
            return this;
        }

        /** @param chars each document cut to this many characters (BERTopic's {@code doc_length} with "char"), or null @return this */
        public Builder documentLength(Integer chars) {
            if (chars != null && chars < 1) {
                throw new IllegalArgumentException("documentLength must be >= 1, got " + chars);
            }
            this.documentLength = chars;
            return this;
        }

        /** @param s where the model stops (BERTopic's default: a newline), or null for none @return this */
        public Builder stop(String s) {
            this.stop = s;
            return this;
        }

        /** @param t sampling temperature, or null for the server's default @return this */
        public Builder temperature(Double t) {
            this.temperature = t;
            return this;
        }

        /** @param d how long one request may take before it is abandoned and retried @return this */
        public Builder timeout(Duration d) {
            this.timeout = Objects.requireNonNull(d, "timeout");
            return this;
        }

        /** @param options retries, requests in flight and the cache folder (batch sizes do not apply) @return this */
        public Builder remote(RemoteOptions options) {
            this.remote = Objects.requireNonNull(options, "options");
            return this;
        }

        /** @param dir the on-disk cache of labels, or null for none @return this */
        public Builder cache(Path dir) {
            this.remote = remote.withCache(dir);
            return this;
        }

        /**
         * @return the labeller, with its HTTP client open
         * @throws BackendInitializationException without an API key or a server
         */
        public OpenAiTopicLabels build() {
            String key = apiKey != null ? apiKey : env.apply("OPENAI_API_KEY");
            String url = baseUrl != null ? baseUrl : env.apply("OPENAI_BASE_URL");
            OpenAIOkHttpClient.Builder b = OpenAiClients.builder(key, url, timeout, "no OpenAI API key for topic labels: set "
                    + "OPENAI_API_KEY or give apiKey (for a local OpenAI-compatible server, give baseUrl)");
            return new OpenAiTopicLabels(this, b.build(), url == null ? "api.openai.com" : url);
        }

        private static String requireText(String s, String what) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(what + " is empty");
            }
            return s;
        }
    }
}
