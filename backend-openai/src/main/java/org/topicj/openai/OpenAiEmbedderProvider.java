package org.topicj.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.topicj.embed.Embedder;
import org.topicj.embed.RemoteCallException;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderSpec;
import org.topicj.spi.support.remote.BatchClient;
import org.topicj.spi.support.remote.RemoteEmbedder;
import org.topicj.spi.support.remote.RemoteOptions;
import org.topicj.spi.support.remote.RemoteProvider;

/**
 * The {@code openai} provider: {@code openai:text-embedding-3-small} and any model of an
 * OpenAI-compatible server ({@code base_url}: Azure OpenAI, vLLM, Ollama, LM Studio). Claims no bare
 * ids, so nothing is sent to a paid API unless the key says so.
 *
 * <p>Options: {@code api_key} (else {@code OPENAI_API_KEY}), {@code base_url} (else
 * {@code OPENAI_BASE_URL}), {@code organization}, {@code project}, {@code dimensions} (shortened
 * vectors of the text-embedding-3 models), {@code dimension} (vector size of an unknown model; else
 * one probe request), {@code timeout_s}, and the shared {@link RemoteOptions#declared}.
 */
public final class OpenAiEmbedderProvider extends RemoteProvider {
    private static final Map<String, Integer> KNOWN = Map.of(
            "text-embedding-3-small", 1536, "text-embedding-3-large", 3072, "text-embedding-ada-002", 1536);

    /** For ServiceLoader: reads the process environment. */
    public OpenAiEmbedderProvider() {
        this(System::getenv);
    }

    OpenAiEmbedderProvider(Function<String, String> env) {
        super("openai", "org.topicj:backend-openai", KNOWN, 512, List.of(
                BackendOption.secret("api_key", "the OpenAI API key (else OPENAI_API_KEY)"),
                BackendOption.location("base_url", "an OpenAI-compatible server (else OPENAI_BASE_URL, else api.openai.com)"),
                BackendOption.string("organization", null, "the OpenAI organization"),
                BackendOption.string("project", null, "the OpenAI project"),
                BackendOption.integer("dimensions", null, "shortened vectors of the text-embedding-3 models"),
                BackendOption.integer("dimension", null, "vector size of a model TopicJ does not know (else one probe request)"),
                BackendOption.integer("timeout_s", 60, "seconds before a request is abandoned and retried")), env);
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        String apiKey = spec.option("api_key").orElse(env("OPENAI_API_KEY"));
        String baseUrl = spec.option("base_url").orElse(env("OPENAI_BASE_URL"));
        OpenAIOkHttpClient.Builder b = OpenAiClients.builder(apiKey, baseUrl, Duration.ofSeconds(spec.intOption("timeout_s", 60)),
                "no OpenAI API key: set OPENAI_API_KEY or the option api_key (for a local OpenAI-compatible server, give base_url)");
        spec.option("organization").ifPresent(b::organization);
        spec.option("project").ifPresent(b::project);
        OpenAIClient client = b.build();
        String model = spec.model();
        Integer dimensions = spec.option("dimensions").map(v -> spec.intOption("dimensions", 0)).orElse(null);
        BatchClient batches = texts -> call(client, model, dimensions, texts);
        try {
            int dimension = settleDimension(spec, dimensions, batches);
            String identity = model + "|dimensions=" + dimensions + "|" + (baseUrl == null ? "api.openai.com" : baseUrl);
            return new RemoteEmbedder("openai", model, dimension, knows(model), spec.key(), identity, batches,
                    RemoteOptions.fromSpec(spec, 512)) {
                @Override
                protected void closeClient() {
                    client.close();
                }
            };
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    static float[][] call(OpenAIClient client, String model, Integer dimensions, List<String> texts) {
        EmbeddingCreateParams.Builder p = EmbeddingCreateParams.builder().model(model)
                .input(EmbeddingCreateParams.Input.ofArrayOfStrings(texts))
                // Set explicitly: the SDK would otherwise ask for base64.
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT);
        if (dimensions != null) {
            p.dimensions(dimensions);
        }
        try {
            CreateEmbeddingResponse response = client.embeddings().create(p.build());
            float[][] out = new float[texts.size()][];
            for (Embedding e : response.data()) {
                int i = (int) e.index();
                if (i < 0 || i >= out.length) {
                    throw new RemoteCallException("openai returned an embedding for index " + i + " of " + out.length, -1, null, null);
                }
                List<Float> values = e.embedding();
                float[] v = new float[values.size()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = values.get(k);
                }
                out[i] = v;
            }
            for (int i = 0; i < out.length; i++) {
                if (out[i] == null) {
                    throw new RemoteCallException("openai returned no embedding for text " + i + " of the batch", -1, null, null);
                }
            }
            return out;
        } catch (OpenAIServiceException e) {
            throw OpenAiClients.failure("openai", e);
        } catch (OpenAIIoException e) {
            throw OpenAiClients.failure("openai", e);
        }
    }
}
