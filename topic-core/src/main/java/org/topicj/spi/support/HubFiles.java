package org.topicj.spi.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.topicj.embed.BackendInitializationException;

/**
 * Reads the small JSON files a Hugging Face model folder carries ({@code config.json},
 * {@code tokenizer_config.json}, {@code preprocessor_config.json}) for backends that load such folders.
 *
 * <p>Thread-safety: stateless.
 */
public final class HubFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubFiles() {
    }

    /**
     * @param file a JSON file that may be absent
     * @return its tree, or empty if there is no such file
     * @throws BackendInitializationException if the file exists but is not JSON
     */
    public static Optional<JsonNode> json(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new BackendInitializationException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The tokenizer's own length limit: {@code model_max_length} in {@code tokenizer_config.json},
     * ignoring the huge placeholder transformers writes when a model sets none.
     *
     * @param folder the model folder
     * @return the limit, if the folder states one
     */
    public static OptionalInt tokenizerMaxLength(Path folder) {
        return json(folder.resolve("tokenizer_config.json"))
                .map(c -> c.path("model_max_length"))
                .filter(n -> n.isIntegralNumber() && n.canConvertToInt())
                .map(n -> OptionalInt.of(n.asInt()))
                .orElse(OptionalInt.empty());
    }
}
