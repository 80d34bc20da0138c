package org.topicj.cohere;

import com.cohere.api.Cohere;
import com.cohere.api.core.CohereApiException;
import com.cohere.api.core.CohereException;
import com.cohere.api.resources.v2.requests.V2EmbedRequest;
import com.cohere.api.types.EmbedByTypeResponse;
import com.cohere.api.types.EmbedInputType;
import com.cohere.api.types.EmbeddingType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.embed.RemoteCallException;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderSpec;
import org.topicj.spi.support.remote.BatchClient;
import org.topicj.spi.support.remote.RemoteEmbedder;
import org.topicj.spi.support.remote.RemoteOptions;
import org.topicj.spi.support.remote.RemoteProvider;

/**
 * The {@code cohere} provider: {@code cohere:embed-english-v3.0} and the other embed models through
 * Cohere's v2 embed endpoint. Claims no bare ids.
 *
 * <p>Options: {@code api_key} (else {@code CO_API_KEY} or {@code COHERE_API_KEY}), {@code base_url},
 * {@code input_type} ({@code clustering}, the default for topic modelling, {@code search_document},
 * {@code search_query}, {@code classification}), {@code embedding_type} ({@code float} or
 * {@code int8}), {@code output_dimension} (embed-v4.0), {@code dimension} (unknown models; else
 * one probe request), {@code timeout_s}, and the shared {@link RemoteOptions#declared}.
 */
public final class CohereEmbedderProvider extends RemoteProvider {
    private static final Map<String, Integer> KNOWN = Map.of(
            "embed-english-v3.0", 1024, "embed-multilingual-v3.0", 1024,
            "embed-english-light-v3.0", 384, "embed-multilingual-light-v3.0", 384, "embed-v4.0", 1536);

    /** For ServiceLoader: reads the process environment. */
    public CohereEmbedderProvider() {
        this(System::getenv);
    }

    CohereEmbedderProvider(Function<String, String> env) {
        super("cohere", "org.topicj:backend-cohere", KNOWN, 96, List.of(
                BackendOption.secret("api_key", "the Cohere API key (else CO_API_KEY, else COHERE_API_KEY)"),
                BackendOption.location("base_url", "a Cohere-compatible server"),
                BackendOption.choice("input_type", "clustering", "what the texts are for, as Cohere's v3 models distinguish",
                        "search_document", "search_query", "classification", "clustering"),
                BackendOption.choice("embedding_type", "float", "the vector type Cohere returns", "float", "int8"),
                BackendOption.integer("output_dimension", null, "shortened vectors of the models that offer them"),
                BackendOption.integer("dimension", null, "vector size of a model TopicJ does not know (else one probe request)"),
                BackendOption.integer("timeout_s", 60, "seconds before a request is abandoned and retried")), env);
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        String apiKey = spec.option("api_key").orElseGet(() -> env("CO_API_KEY") != null ? env("CO_API_KEY")
                : env("COHERE_API_KEY"));
        if (apiKey == null || apiKey.isBlank()) {
            throw new BackendInitializationException("no Cohere API key: set CO_API_KEY or the option api_key");
        }
        EmbedInputType inputType = inputType(spec.option("input_type").orElse("clustering"));
        String typeName = spec.option("embedding_type").orElse("float").toLowerCase(Locale.ROOT);
        if (!typeName.equals("float") && !typeName.equals("int8")) {
            throw new IllegalArgumentException("embedding_type must be float or int8, got '" + typeName + "'");
        }
        boolean int8 = typeName.equals("int8");
        Integer outputDimension = spec.option("output_dimension").map(v -> spec.intOption("output_dimension", 0)).orElse(null);
        var b = Cohere.builder().token(apiKey).maxRetries(0).timeout(spec.intOption("timeout_s", 60)).clientName("topicj");
        spec.option("base_url").ifPresent(b::url);
        Cohere client = b.build();
        String model = spec.model();
        BatchClient batches = texts -> call(client, model, inputType, int8, outputDimension, texts);
        int dimension = settleDimension(spec, outputDimension, batches);
        String identity = model + "|" + inputType + "|" + typeName + "|" + outputDimension + "|" + spec.option("base_url").orElse("");
        return new RemoteEmbedder("cohere", model, dimension, false, spec.key(), identity, batches, RemoteOptions.fromSpec(spec, 96));
    }

    private static EmbedInputType inputType(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "clustering" -> EmbedInputType.CLUSTERING;
            case "search_document" -> EmbedInputType.SEARCH_DOCUMENT;
            case "search_query" -> EmbedInputType.SEARCH_QUERY;
            case "classification" -> EmbedInputType.CLASSIFICATION;
            default -> throw new IllegalArgumentException("input_type must be clustering, search_document, search_query or "
                    + "classification, got '" + name + "'");
        };
    }

    static float[][] call(Cohere client, String model, EmbedInputType inputType, boolean int8, Integer outputDimension,
                          List<String> texts) {
        var request = V2EmbedRequest.builder().model(model).inputType(inputType).texts(texts)
                .embeddingTypes(List.of(int8 ? EmbeddingType.INT_8 : EmbeddingType.FLOAT));
        if (outputDimension != null) {
            request.outputDimension(outputDimension);
        }
        try {
            EmbedByTypeResponse response = client.v2().embed(request.build());
            List<? extends List<? extends Number>> rows = int8
                    ? response.getEmbeddings().getInt8().orElse(List.of())
                    : response.getEmbeddings().getFloat().orElse(List.of());
            if (rows.size() != texts.size()) {
                throw new RemoteCallException("cohere returned " + rows.size() + " embeddings for " + texts.size() + " texts",
                        200, null, null);
            }
            float[][] out = new float[rows.size()][];
            for (int i = 0; i < out.length; i++) {
                List<? extends Number> row = rows.get(i);
                out[i] = new float[row.size()];
                for (int k = 0; k < out[i].length; k++) {
                    out[i][k] = row.get(k).floatValue();
                }
            }
            return out;
        } catch (CohereApiException e) {
            List<String> retry = e.headers() == null ? null : e.headers().entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("retry-after")).map(Map.Entry::getValue).findFirst().orElse(null);
            throw new RemoteCallException("cohere HTTP " + e.statusCode() + ": " + e.body(), e.statusCode(),
                    RemoteCallException.parseRetryAfter(retry == null || retry.isEmpty() ? null : retry.get(0)), e);
        } catch (CohereException e) {
            throw new RemoteCallException("cohere request failed: " + e.getMessage(), -1, null, e);
        }
    }
}
