package org.topicj.sbert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.BackendInitializationException;

/**
 * What a sentence-transformers model does after its transformer: pooling, optional Dense layers,
 * normalisation, and how its input is prepared (maximum length in word pieces, lower-casing).
 *
 * @param pooling the pooling modes, concatenated in {@link PoolingMode} order
 * @param dense Dense layers applied after pooling, in order
 * @param normalize whether a Normalize module follows (unit L2 norm)
 * @param maxSeqLength word pieces kept per text, special tokens included
 * @param doLowerCase whether texts are lower-cased before tokenisation
 */
public record SentenceTransformerConfig(Set<PoolingMode> pooling, List<DenseLayer> dense, boolean normalize,
                                        int maxSeqLength, boolean doLowerCase) {
    private static final Logger LOG = LoggerFactory.getLogger(SentenceTransformerConfig.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies and checks. */
    public SentenceTransformerConfig {
        if (pooling.isEmpty()) {
            throw new IllegalArgumentException("at least one pooling mode is needed");
        }
        if (maxSeqLength < 2) {
            throw new IllegalArgumentException("max_seq_length must be at least 2 (for [CLS] and [SEP]), got " + maxSeqLength);
        }
        pooling = Set.copyOf(EnumSet.copyOf(pooling));
        dense = List.copyOf(dense);
    }

    /**
     * @param mode pooling mode
     * @param maxSeqLength word pieces kept
     * @return a config with one pooling mode, no Dense layer, normalised
     */
    static SentenceTransformerConfig normalized(PoolingMode mode, int maxSeqLength) {
        return new SentenceTransformerConfig(EnumSet.of(mode), List.of(), true, maxSeqLength, false);
    }

    /** @return the same config with another maximum length */
    SentenceTransformerConfig withMaxSeqLength(int length) {
        return new SentenceTransformerConfig(pooling, dense, normalize, length, doLowerCase);
    }

    /** @return pooling modes in concatenation order */
    List<PoolingMode> orderedPooling() {
        return List.copyOf(EnumSet.copyOf(pooling));
    }

    /**
     * Reads a sentence-transformers model folder: {@code modules.json}, the Pooling module's
     * {@code config.json}, {@code sentence_bert_config.json}, Dense and Normalize modules. A folder
     * without {@code modules.json} is a plain transformer: mean pooling without normalisation, as
     * sentence-transformers itself falls back to, with a warning.
     *
     * @param folder the model folder
     * @return its configuration
     * @throws IOException if a file cannot be read
     */
    static SentenceTransformerConfig read(Path folder) throws IOException {
        int maxSeqLength = 512;
        boolean lower = false;
        Path stConfig = folder.resolve("sentence_bert_config.json");
        if (Files.isRegularFile(stConfig)) {
            JsonNode c = JSON.readTree(stConfig.toFile());
            maxSeqLength = c.path("max_seq_length").asInt(512);
            lower = c.path("do_lower_case").asBoolean(false);
        }
        Path modulesFile = folder.resolve("modules.json");
        if (!Files.isRegularFile(modulesFile)) {
            LOG.warn("{} has no modules.json: treating it as a plain transformer with mean pooling and no normalisation, "
                    + "as sentence-transformers does", folder);
            return new SentenceTransformerConfig(EnumSet.of(PoolingMode.MEAN), List.of(), false, maxSeqLength, lower);
        }
        Set<PoolingMode> pooling = null;
        List<DenseLayer> dense = new ArrayList<>();
        boolean normalize = false;
        for (JsonNode module : JSON.readTree(modulesFile.toFile())) {
            String type = module.path("type").asText();
            Path path = folder.resolve(module.path("path").asText(""));
            String kind = type.substring(type.lastIndexOf('.') + 1);
            switch (kind) {
                case "Transformer" -> { }
                case "Pooling" -> pooling = readPooling(path.resolve("config.json"));
                case "Dense" -> dense.add(DenseLayer.read(path));
                case "Normalize" -> normalize = true;
                default -> throw new BackendInitializationException(modulesFile + ": module type '" + type
                        + "' is not supported; supported: Transformer, Pooling, Dense, Normalize");
            }
        }
        if (pooling == null) {
            throw new BackendInitializationException(modulesFile + " lists no Pooling module; a sentence-transformers "
                    + "model needs one (e.g. {\"path\": \"1_Pooling\", \"type\": \"sentence_transformers.models.Pooling\"})");
        }
        return new SentenceTransformerConfig(pooling, dense, normalize, maxSeqLength, lower);
    }

    private static Set<PoolingMode> readPooling(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            throw new BackendInitializationException("pooling config " + config + " not found");
        }
        JsonNode c = JSON.readTree(config.toFile());
        Set<PoolingMode> modes = EnumSet.noneOf(PoolingMode.class);
        for (var it = c.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().startsWith("pooling_mode_") && e.getValue().asBoolean(false)) {
                try {
                    modes.add(PoolingMode.parse(e.getKey()));
                } catch (IllegalArgumentException ex) {
                    throw new BackendInitializationException(config + ": " + ex.getMessage(), ex);
                }
            }
        }
        if (modes.isEmpty()) {
            throw new BackendInitializationException(config + " enables no pooling mode; set one of "
                    + "pooling_mode_cls_token, pooling_mode_mean_tokens, pooling_mode_max_tokens, pooling_mode_mean_sqrt_len_tokens");
        }
        return modes;
    }
}
