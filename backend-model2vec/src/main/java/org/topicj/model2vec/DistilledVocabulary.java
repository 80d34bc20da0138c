package org.topicj.model2vec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The vocabulary a distilled model keeps, and the tokenizer.json it is saved with, as model2vec's
 * {@code distill_from_model} builds them through skeletoken (model2vec/distill/distillation.py,
 * model2vec/tokenizer/tokenizer.py, skeletoken/base.py {@code prune_added_tokens}):
 * <ol>
 *   <li>added tokens other than the post-processor's special tokens ({@code [CLS]}, {@code [SEP]}),
 *       the unknown token and the pad token are removed ({@code [MASK]} goes);</li>
 *   <li>tokens matching {@code token_remove_pattern} at their start ({@code re.match}; default
 *       {@code \[unused\d+\]}) are removed, the unknown token excepted (the pad token too, if it
 *       matches); a pattern matching the post-processor's special tokens is refused, as there;</li>
 *   <li>the post-processor is dropped, and the added tokens pruned again, so only the unknown and
 *       pad tokens remain of them;</li>
 *   <li>the remaining tokens keep their order and are numbered from 0.</li>
 * </ol>
 * Each kept token is embedded as {@code [prefix..., its original id, suffix...]} with the
 * post-processor's special tokens of the original tokenizer (for BERT: {@code [CLS] t [SEP]}).
 * Unlike model2vec's file, the saved tokenizer.json has no padding and no truncation: Python's
 * tokeniser would otherwise pad every short text with {@code [PAD]}, whose vector then dominates
 * its mean (what model2vec 0.8.2 does with a padded source tokenizer such as all-MiniLM-L6-v2's).
 *
 * <p>Thread-safety: immutable.
 */
final class DistilledVocabulary {
    private final List<String> tokens;
    private final int[][] sequences;
    private final ObjectNode tokenizerJson;

    private DistilledVocabulary(List<String> tokens, int[][] sequences, ObjectNode tokenizerJson) {
        this.tokens = tokens;
        this.sequences = sequences;
        this.tokenizerJson = tokenizerJson;
    }

    static DistilledVocabulary of(JsonNode original, Pattern removePattern) {
        ObjectNode root = original.deepCopy();
        JsonNode model = root.path("model");
        String type = model.path("type").asText();
        Map<String, Integer> vocab = vocabulary(model, type);
        List<JsonNode> added = new ArrayList<>();
        root.path("added_tokens").forEach(added::add);
        added.forEach(t -> vocab.putIfAbsent(t.path("content").asText(), t.path("id").asInt()));

        String unk = unkToken(model, type);
        String pad = root.path("padding").isObject() ? root.path("padding").path("pad_token").asText(null) : null;
        List<String> prefix = specialTokens(root.path("post_processor"), true);
        List<String> suffix = specialTokens(root.path("post_processor"), false);
        Set<String> keep = new HashSet<>(prefix);
        keep.addAll(suffix);
        addIfPresent(keep, unk);
        addIfPresent(keep, pad);

        Set<String> removed = new HashSet<>();
        for (JsonNode t : added) {
            if (!keep.contains(t.path("content").asText())) {
                removed.add(t.path("content").asText());
            }
        }
        for (String token : vocab.keySet()) {
            if (removePattern != null && removePattern.matcher(token).lookingAt() && !token.equals(unk)) {
                if (keep.contains(token) && !token.equals(pad)) {
                    // skeletoken refuses this too: the post-processor (used to embed each token) needs them
                    throw new IllegalArgumentException("token_remove_pattern '" + removePattern + "' removes '" + token
                            + "', which the tokenizer's post-processor puts around every text; exclude it from the pattern");
                }
                removed.add(token);
            }
        }
        for (JsonNode t : added) {
            String c = t.path("content").asText();
            if (!c.equals(unk) && !c.equals(pad)) {
                removed.add(c);
            }
        }
        List<Map.Entry<String, Integer>> ordered = new ArrayList<>(vocab.entrySet());
        ordered.sort(Map.Entry.comparingByValue());
        List<String> kept = new ArrayList<>();
        Map<String, Integer> newIds = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : ordered) {
            if (!removed.contains(e.getKey())) {
                newIds.put(e.getKey(), kept.size());
                kept.add(e.getKey());
            }
        }
        int[] before = prefix.stream().mapToInt(vocab::get).toArray();
        int[] after = suffix.stream().mapToInt(vocab::get).toArray();
        int[][] sequences = new int[kept.size()][];
        for (int i = 0; i < kept.size(); i++) {
            int[] s = new int[before.length + 1 + after.length];
            System.arraycopy(before, 0, s, 0, before.length);
            s[before.length] = vocab.get(kept.get(i));
            System.arraycopy(after, 0, s, before.length + 1, after.length);
            sequences[i] = s;
        }
        rewrite(root, type, newIds, unk);
        return new DistilledVocabulary(List.copyOf(kept), sequences, root);
    }

    private static void addIfPresent(Set<String> set, String token) {
        if (token != null) {
            set.add(token);
        }
    }

    private static Map<String, Integer> vocabulary(JsonNode model, String type) {
        Map<String, Integer> v = new LinkedHashMap<>();
        switch (type) {
            case "WordPiece", "WordLevel", "BPE" -> model.path("vocab").fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue().asInt()));
            case "Unigram" -> {
                int id = 0;
                for (JsonNode entry : model.path("vocab")) {
                    v.putIfAbsent(entry.get(0).asText(), id++);
                }
            }
            default -> throw new IllegalArgumentException("cannot distil a model whose tokenizer is '" + type
                    + "'; expected WordPiece, BPE, Unigram or WordLevel");
        }
        return v;
    }

    private static String unkToken(JsonNode model, String type) {
        if (type.equals("Unigram")) {
            int unkId = model.path("unk_id").asInt(-1);
            return unkId >= 0 ? model.path("vocab").path(unkId).path(0).asText() : null;
        }
        JsonNode u = model.path("unk_token");
        return u.isTextual() ? u.asText() : null;
    }

    /** The special-token names a post-processor puts before (or after) a single text. */
    private static List<String> specialTokens(JsonNode pp, boolean before) {
        List<String> out = new ArrayList<>();
        switch (pp.path("type").asText()) {
            case "TemplateProcessing" -> {
                boolean seen = false;
                for (JsonNode piece : pp.path("single")) {
                    if (piece.has("Sequence")) {
                        seen = true;
                    } else if (seen != before) {
                        JsonNode special = pp.path("special_tokens").path(piece.path("SpecialToken").path("id").asText());
                        special.path("tokens").forEach(t -> out.add(t.asText()));
                    }
                }
            }
            case "BertProcessing", "RobertaProcessing" -> out.add(pp.path(before ? "cls" : "sep").path(0).asText());
            case "Sequence" -> {
                for (JsonNode p : pp.path("processors")) {
                    List<String> inner = specialTokens(p, before);
                    if (!inner.isEmpty()) {
                        return inner;
                    }
                }
            }
            default -> {
                // no post-processor, or one that adds no special tokens
            }
        }
        return out;
    }

    private static void rewrite(ObjectNode root, String type, Map<String, Integer> newIds, String unk) {
        ObjectNode model = (ObjectNode) root.path("model");
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (type) {
            case "Unigram" -> {
                ArrayNode vocab = f.arrayNode();
                Set<String> seen = new HashSet<>();
                for (JsonNode entry : model.path("vocab")) {
                    if (newIds.containsKey(entry.get(0).asText()) && seen.add(entry.get(0).asText())) {
                        vocab.add(entry);
                    }
                }
                model.set("vocab", vocab);
                if (unk != null) {
                    model.put("unk_id", newIds.get(unk));
                }
            }
            default -> {
                ObjectNode vocab = f.objectNode();
                newIds.forEach(vocab::put);
                model.set("vocab", vocab);
                if (type.equals("BPE")) {
                    model.set("merges", keptMerges(model.path("merges"), newIds,
                            model.path("continuing_subword_prefix").asText("")));
                }
            }
        }
        ArrayNode added = f.arrayNode();
        for (JsonNode t : root.path("added_tokens")) {
            Integer id = newIds.get(t.path("content").asText());
            if (id != null) {
                added.add(((ObjectNode) t.deepCopy()).put("id", id));
            }
        }
        root.set("added_tokens", added);
        root.putNull("post_processor");
        root.putNull("padding");
        root.putNull("truncation");
    }

    private static ArrayNode keptMerges(JsonNode merges, Map<String, Integer> ids, String prefix) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode m : merges) {
            String[] pair = m.isArray() ? new String[] {m.get(0).asText(), m.get(1).asText()} : m.asText().split(" ", 2);
            String merged = pair[0] + (pair[1].startsWith(prefix) ? pair[1].substring(prefix.length()) : pair[1]);
            if (ids.containsKey(pair[0]) && ids.containsKey(pair[1]) && ids.containsKey(merged)) {
                out.add(m);
            }
        }
        return out;
    }

    /** @return the kept tokens, in their new id order */
    List<String> tokens() {
        return tokens;
    }

    /** @return per kept token, the original-id sequence to run through the model */
    List<int[]> sequences() {
        return java.util.Arrays.asList(sequences);
    }

    /** @return the tokenizer.json to save with the distilled model */
    ObjectNode tokenizerJson() {
        return tokenizerJson.deepCopy();
    }

    /** @return a map from token to its new id */
    Map<String, Integer> ids() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            m.put(tokens.get(i), i);
        }
        return m;
    }
}
