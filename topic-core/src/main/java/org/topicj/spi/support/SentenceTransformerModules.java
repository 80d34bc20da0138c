package org.topicj.spi.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.BackendInitializationException;
import org.topicj.matrix.VectorMath;

/**
 * What a sentence-transformers model does around its transformer, read from its folder: the
 * {@code modules.json} list (Transformer, Pooling, Dense, Normalize), the maximum length and
 * lower-casing of {@code sentence_bert_config.json}, and the prompts of
 * {@code config_sentence_transformers.json}. {@link #pool} turns one text's token vectors into its
 * sentence vector exactly as those modules do. Shared by every backend that runs such models (ONNX
 * Runtime, libtorch), so the rules live once.
 *
 * @param pooling the pooling modes, concatenated in {@link TokenPooling} order
 * @param dense Dense layers applied after pooling, in order
 * @param normalize whether a Normalize module follows (unit L2 norm)
 * @param maxSeqLength tokens kept per text, special tokens included
 * @param doLowerCase whether texts are lower-cased before tokenisation
 * @param prompts named prompts (e.g. {@code query}, {@code document}, {@code clustering}), prepended to texts
 * @param defaultPromptName the prompt used when none is chosen, or null
 * @param includePrompt whether the prompt's tokens take part in pooling (sentence-transformers' {@code include_prompt})
 */
public record SentenceTransformerModules(Set<TokenPooling> pooling, List<DenseLayer> dense, boolean normalize,
                                         int maxSeqLength, boolean doLowerCase, Map<String, String> prompts,
                                         String defaultPromptName, boolean includePrompt) {
    private static final Logger LOG = LoggerFactory.getLogger(SentenceTransformerModules.class);

    /** Copies and checks. */
    public SentenceTransformerModules {
        if (pooling.isEmpty()) {
            throw new IllegalArgumentException("at least one pooling mode is needed");
        }
        if (maxSeqLength < 2) {
            throw new IllegalArgumentException("max_seq_length must be at least 2 (for [CLS] and [SEP]), got " + maxSeqLength);
        }
        pooling = Set.copyOf(EnumSet.copyOf(pooling));
        dense = List.copyOf(dense);
        prompts = Map.copyOf(prompts);
        if (defaultPromptName != null && !prompts.containsKey(defaultPromptName)) {
            throw new IllegalArgumentException("default prompt '" + defaultPromptName + "' is not among the prompts " + prompts.keySet());
        }
    }

    /**
     * @param mode pooling mode
     * @param maxSeqLength tokens kept
     * @return modules with one pooling mode, no Dense layer, normalised, no prompts
     */
    public static SentenceTransformerModules normalized(TokenPooling mode, int maxSeqLength) {
        return new SentenceTransformerModules(EnumSet.of(mode), List.of(), true, maxSeqLength, false, Map.of(), null, true);
    }

    /** @param length tokens kept per text @return the same modules with another maximum length */
    public SentenceTransformerModules withMaxSeqLength(int length) {
        return new SentenceTransformerModules(pooling, dense, normalize, length, doLowerCase, prompts, defaultPromptName, includePrompt);
    }

    /** @return pooling modes in concatenation order */
    public List<TokenPooling> orderedPooling() {
        return List.copyOf(EnumSet.copyOf(pooling));
    }

    /**
     * @param hidden the transformer's vector size
     * @return the size of {@link #pool}'s result: pooled modes times hidden, then each Dense layer's output
     * @throws BackendInitializationException if a Dense layer does not fit what comes before it
     */
    public int dimension(int hidden) {
        int d = hidden * pooling.size();
        for (DenseLayer layer : dense) {
            if (layer.in() != d) {
                throw new BackendInitializationException("a Dense layer expects " + layer.in() + " inputs, but pooling gives " + d);
            }
            d = layer.out();
        }
        return d;
    }

    /**
     * The prompt to prepend: a given text, else a named prompt, else the default prompt, else none.
     *
     * @param prompt an explicit prompt text, or null
     * @param promptName the name of one of {@link #prompts()}, or null
     * @return the prompt, possibly empty
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public String prompt(String prompt, String promptName) {
        if (prompt != null) {
            return prompt;
        }
        if (promptName != null) {
            String p = prompts.get(promptName);
            if (p == null) {
                throw new IllegalArgumentException("prompt_name '" + promptName + "' is not one of this model's prompts "
                        + prompts.keySet());
            }
            return p;
        }
        return defaultPromptName == null ? "" : prompts.get(defaultPromptName);
    }

    /**
     * The prompt to embed documents with when the caller names none, for clustering them: a prompt
     * named {@code clustering} (any case; EmbeddingGemma's "task: clustering | query: "), else the
     * first of {@code document}, {@code passage}, {@code corpus} (what sentence-transformers'
     * {@code encode_document} picks: e5's "passage: "), else the default prompt, else none. Empty
     * prompts are passed over: sentence-transformers 6 adds {@code "document": ""} when it saves a
     * model, which must not hide a passage prompt.
     *
     * @return the prompt's name, or empty for no prompt
     */
    public Optional<String> documentPromptName() {
        List<String> candidates = new ArrayList<>();
        prompts.keySet().stream().filter(n -> n.equalsIgnoreCase("clustering")).sorted().forEach(candidates::add);
        candidates.addAll(List.of("document", "passage", "corpus"));
        for (String name : candidates) {
            if (!prompts.getOrDefault(name, "").isEmpty()) {
                return Optional.of(name);
            }
        }
        return Optional.ofNullable(defaultPromptName);
    }

    /**
     * @param mode pooling to use instead of the folder's
     * @param normalize whether to normalise instead of the folder's choice
     * @return these modules with that pooling (Dense layers must still fit) and normalisation
     */
    public SentenceTransformerModules withPooling(TokenPooling mode, boolean normalize) {
        return new SentenceTransformerModules(EnumSet.of(mode), dense, normalize, maxSeqLength, doLowerCase, prompts,
                defaultPromptName, includePrompt);
    }

    /**
     * Pools one text's token vectors, applies the Dense layers and normalises if the model does.
     *
     * @param states the batch's token vectors, {@code [batch, width, hidden]} row-major
     * @param offset where this text's first token starts in {@code states}
     * @param mask the batch's attention mask (with prompt tokens zeroed if {@link #includePrompt()} is false)
     * @param maskOffset where this text's mask starts
     * @param width tokens per text (padded)
     * @param hidden the transformer's vector size
     * @return the sentence vector, {@link #dimension(int)} values
     */
    public float[] pool(float[] states, int offset, long[] mask, int maskOffset, int width, int hidden) {
        List<TokenPooling> modes = orderedPooling();
        float[] v = new float[hidden * modes.size()];
        for (int p = 0; p < modes.size(); p++) {
            modes.get(p).pool(states, offset, mask, maskOffset, width, hidden, v, p * hidden);
        }
        for (DenseLayer layer : dense) {
            v = layer.apply(v);
        }
        if (normalize) {
            VectorMath.normalize(v, 0, v.length);
        }
        return v;
    }

    /**
     * Reads a sentence-transformers model folder. A folder without {@code modules.json} is a plain
     * transformer: mean pooling without normalisation, as sentence-transformers itself falls back to,
     * with a warning.
     *
     * @param folder the model folder
     * @param defaultMaxLength the length when neither {@code sentence_bert_config.json} nor (as
     *     sentence-transformers 6 writes it) the tokenizer's {@code model_max_length} gives a smaller one
     * @return its modules
     * @throws BackendInitializationException if a file is unreadable or a module unsupported
     */
    public static SentenceTransformerModules read(Path folder, int defaultMaxLength) {
        Optional<JsonNode> st = HubFiles.json(folder.resolve("sentence_bert_config.json"));
        // sentence-transformers 6 no longer writes max_seq_length there: it is the tokenizer's model_max_length.
        int maxSeqLength = st.filter(c -> c.path("max_seq_length").canConvertToInt()).map(c -> c.get("max_seq_length").asInt())
                .orElseGet(() -> Math.min(defaultMaxLength,
                        HubFiles.tokenizerMaxLength(transformerFolder(folder)).orElse(defaultMaxLength)));
        boolean lower = st.map(c -> c.path("do_lower_case").asBoolean(false)).orElse(false);
        JsonNode stConfig = HubFiles.json(folder.resolve("config_sentence_transformers.json")).orElse(null);
        Map<String, String> prompts = new LinkedHashMap<>();
        String defaultPrompt = null;
        if (stConfig != null) {
            stConfig.path("prompts").properties().forEach(e -> prompts.put(e.getKey(), e.getValue().asText()));
            defaultPrompt = stConfig.path("default_prompt_name").isTextual() ? stConfig.get("default_prompt_name").asText() : null;
        }
        Path modulesFile = folder.resolve("modules.json");
        if (!Files.isRegularFile(modulesFile)) {
            LOG.warn("{} has no modules.json: treating it as a plain transformer with mean pooling and no normalisation, "
                    + "as sentence-transformers does", folder);
            return new SentenceTransformerModules(EnumSet.of(TokenPooling.MEAN), List.of(), false, maxSeqLength, lower, prompts,
                    defaultPrompt, true);
        }
        Set<TokenPooling> pooling = null;
        boolean includePrompt = true;
        List<DenseLayer> dense = new ArrayList<>();
        boolean normalize = false;
        for (JsonNode module : HubFiles.json(modulesFile).orElseThrow()) {
            String type = module.path("type").asText();
            Path path = folder.resolve(module.path("path").asText(""));
            String kind = type.substring(type.lastIndexOf('.') + 1);
            switch (kind) {
                case "Transformer" -> { }
                case "Pooling" -> {
                    JsonNode config = HubFiles.json(path.resolve("config.json")).orElseThrow(() ->
                            new BackendInitializationException("pooling config " + path.resolve("config.json") + " not found"));
                    pooling = readPooling(path.resolve("config.json"), config);
                    includePrompt = config.path("include_prompt").asBoolean(true);
                }
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
        return new SentenceTransformerModules(pooling, dense, normalize, maxSeqLength, lower, prompts, defaultPrompt, includePrompt);
    }

    /**
     * Where a sentence-transformers folder keeps its transformer ({@code config.json}, weights,
     * tokenizer): the Transformer module's path in {@code modules.json}, usually the folder itself
     * (older models use {@code 0_Transformer/}).
     *
     * @param folder the model folder
     * @return the transformer's folder; {@code folder} itself without modules.json
     */
    public static Path transformerFolder(Path folder) {
        Optional<JsonNode> modules = HubFiles.json(folder.resolve("modules.json"));
        if (modules.isPresent()) {
            for (JsonNode module : modules.get()) {
                String type = module.path("type").asText();
                if (type.substring(type.lastIndexOf('.') + 1).equals("Transformer")) {
                    return folder.resolve(module.path("path").asText(""));
                }
            }
        }
        return folder;
    }

    /** sentence-transformers 6: {@code "pooling_mode": "mean"} or a list, concatenated in list order. */
    private static Set<TokenPooling> namedPooling(Path file, JsonNode named) {
        List<TokenPooling> listed = new ArrayList<>();
        for (JsonNode n : named.isArray() ? named : List.of(named)) {
            try {
                listed.add(TokenPooling.parse(n.asText()));
            } catch (IllegalArgumentException ex) {
                throw new BackendInitializationException(file + ": " + ex.getMessage(), ex);
            }
        }
        Set<TokenPooling> modes = EnumSet.copyOf(listed.isEmpty() ? List.of(TokenPooling.MEAN) : listed);
        if (!List.copyOf(modes).equals(listed) && !listed.isEmpty()) {
            throw new BackendInitializationException(file + ": pooling modes " + named + " are concatenated in that order, "
                    + "which TopicJ does not do; it concatenates in the order cls, max, mean, mean_sqrt_len, weightedmean, lasttoken");
        }
        return modes;
    }

    private static Set<TokenPooling> readPooling(Path file, JsonNode config) {
        Set<TokenPooling> modes = EnumSet.noneOf(TokenPooling.class);
        JsonNode named = config.path("pooling_mode");
        if (named.isTextual() || named.isArray()) {
            return namedPooling(file, named);
        }
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            if (e.getKey().startsWith("pooling_mode_") && e.getValue().asBoolean(false)) {
                try {
                    modes.add(TokenPooling.parse(e.getKey()));
                } catch (IllegalArgumentException ex) {
                    throw new BackendInitializationException(file + ": " + ex.getMessage(), ex);
                }
            }
        }
        if (modes.isEmpty()) {
            throw new BackendInitializationException(file + " enables no pooling mode; set one of pooling_mode_cls_token, "
                    + "pooling_mode_mean_tokens, pooling_mode_max_tokens, pooling_mode_mean_sqrt_len_tokens, "
                    + "pooling_mode_weightedmean_tokens, pooling_mode_lasttoken");
        }
        return modes;
    }
}
