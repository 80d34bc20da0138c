package org.topicj.model2vec.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The special tokens a {@code tokenizer.json} post-processor puts around a single text
 * (TemplateProcessing, BertProcessing, RobertaProcessing, or the first of those in a Sequence):
 * what a model saw around every input in training, and so what distillation puts around each token.
 *
 * <p>Thread-safety: stateless.
 */
final class PostProcessorTokens {
    private PostProcessorTokens() {
    }

    /** @return {ids before, ids after} the text; both empty when there is no such post-processor */
    static int[][] singleSequence(JsonNode pp, Map<String, Integer> vocab) {
        if (pp == null || pp.isMissingNode() || pp.isNull()) {
            return new int[][] {new int[0], new int[0]};
        }
        switch (pp.path("type").asText()) {
            case "TemplateProcessing" -> {
                return template(pp, vocab);
            }
            case "BertProcessing", "RobertaProcessing" -> {
                return new int[][] {{pp.path("cls").get(1).asInt()}, {pp.path("sep").get(1).asInt()}};
            }
            case "Sequence" -> {
                for (JsonNode p : pp.path("processors")) {
                    int[][] r = singleSequence(p, vocab);
                    if (r[0].length + r[1].length > 0) {
                        return r;
                    }
                }
                return new int[][] {new int[0], new int[0]};
            }
            default -> {
                return new int[][] {new int[0], new int[0]};
            }
        }
    }

    private static int[][] template(JsonNode pp, Map<String, Integer> vocab) {
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        boolean seenSequence = false;
        for (JsonNode piece : pp.path("single")) {
            if (piece.has("Sequence")) {
                seenSequence = true;
                continue;
            }
            String name = piece.path("SpecialToken").path("id").asText();
            JsonNode special = pp.path("special_tokens").path(name);
            List<Integer> target = seenSequence ? after : before;
            if (special.has("ids")) {
                special.path("ids").forEach(id -> target.add(id.asInt()));
            } else if (vocab.containsKey(name)) {
                target.add(vocab.get(name));
            }
        }
        return new int[][] {before.stream().mapToInt(Integer::intValue).toArray(), after.stream().mapToInt(Integer::intValue).toArray()};
    }
}
