package org.topicj.model2vec.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds the parts of a {@link Tokenizer} from a parsed {@code tokenizer.json}, naming any component
 * it does not implement.
 *
 * <p>Thread-safety: not thread-safe; one per file.
 */
final class TokenizerParser {
    private final String origin;

    /** What a tokenizer is made of. */
    record Parts(Normalizer normalizer, PreTokenizer preTokenizer, TokenModel model, List<AddedToken> addedTokens,
                 int truncation, boolean truncateLeft, boolean pads, int[] prefixIds, int[] suffixIds, String modelType) {
    }

    TokenizerParser(String origin) {
        this.origin = origin;
    }

    Parts parse(JsonNode root) {
        JsonNode modelNode = root.path("model");
        if (modelNode.isMissingNode() || modelNode.isNull()) {
            throw new IllegalArgumentException("no \"model\" section; is this a Hugging Face tokenizer.json?");
        }
        TokenModel model = model(modelNode);
        List<AddedToken> added = new ArrayList<>();
        for (JsonNode t : root.path("added_tokens")) {
            String content = t.path("content").asText();
            Integer inModel = model.vocab().get(content);
            added.add(new AddedToken(inModel != null ? inModel : t.path("id").asInt(), content,
                    t.path("single_word").asBoolean(false), t.path("lstrip").asBoolean(false),
                    t.path("rstrip").asBoolean(false), t.path("normalized").asBoolean(true), t.path("special").asBoolean(false)));
        }
        JsonNode trunc = root.path("truncation");
        int truncation = trunc.isObject() ? trunc.path("max_length").asInt() : -1;
        boolean left = trunc.isObject() && "Left".equals(trunc.path("direction").asText());
        boolean pads = root.path("padding").isObject();
        Map<String, Integer> vocab = new LinkedHashMap<>(model.vocab());
        added.forEach(t -> vocab.put(t.content(), t.id()));
        int[][] around = PostProcessorTokens.singleSequence(root.path("post_processor"), vocab);
        return new Parts(normalizer(root.path("normalizer")), preTokenizer(root.path("pre_tokenizer")), model, added,
                truncation, left, pads, around[0], around[1], modelNode.path("type").asText(guessModelType(modelNode)));
    }

    private static String guessModelType(JsonNode model) {
        if (model.has("merges")) {
            return "BPE";
        }
        if (model.path("vocab").isArray()) {
            return "Unigram";
        }
        return model.has("continuing_subword_prefix") ? "WordPiece" : "WordLevel";
    }

    private TokenModel model(JsonNode m) {
        String type = m.path("type").asText(guessModelType(m));
        return switch (type) {
            case "WordPiece" -> new WordPiece(vocabMap(m.path("vocab")), text(m, "unk_token", "[UNK]"),
                    text(m, "continuing_subword_prefix", "##"), m.path("max_input_chars_per_word").asInt(100));
            case "WordLevel" -> new WordLevel(vocabMap(m.path("vocab")), text(m, "unk_token", null));
            case "BPE" -> new Bpe(vocabMap(m.path("vocab")), merges(m.path("merges")), new Bpe.Options(
                    text(m, "unk_token", null), text(m, "continuing_subword_prefix", null), text(m, "end_of_word_suffix", null),
                    m.path("fuse_unk").asBoolean(false), m.path("byte_fallback").asBoolean(false), m.path("ignore_merges").asBoolean(false)));
            case "Unigram" -> unigram(m);
            default -> throw unsupported("model", type);
        };
    }

    private static TokenModel unigram(JsonNode m) {
        List<String> pieces = new ArrayList<>();
        JsonNode vocab = m.path("vocab");
        double[] scores = new double[vocab.size()];
        for (JsonNode entry : vocab) {
            scores[pieces.size()] = entry.get(1).isBigDecimal() ? SerdeJsonFloat.toDouble(entry.get(1).decimalValue()) : entry.get(1).asDouble();
            pieces.add(entry.get(0).asText());
        }
        Integer unk = m.path("unk_id").isNumber() ? m.path("unk_id").asInt() : null;
        return new Unigram(pieces, scores, unk, m.path("byte_fallback").asBoolean(false));
    }

    private static Map<String, Integer> vocabMap(JsonNode vocab) {
        Map<String, Integer> v = new LinkedHashMap<>();
        vocab.fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue().asInt()));
        return v;
    }

    private static List<String[]> merges(JsonNode merges) {
        List<String[]> out = new ArrayList<>(merges.size());
        for (JsonNode m : merges) {
            if (m.isArray()) {
                out.add(new String[] {m.get(0).asText(), m.get(1).asText()});
            } else {
                String[] parts = m.asText().split(" ", -1);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("BPE merge '" + m.asText() + "' is not two tokens separated by one space");
                }
                out.add(parts);
            }
        }
        return out;
    }

    private Normalizer normalizer(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        String type = n.path("type").asText();
        return switch (type) {
            case "BertNormalizer" -> new Normalizer.Bert(n.path("clean_text").asBoolean(true),
                    n.path("handle_chinese_chars").asBoolean(true),
                    n.path("strip_accents").isBoolean() ? n.path("strip_accents").asBoolean() : null,
                    n.path("lowercase").asBoolean(true));
            case "NFC" -> new Normalizer.Unicode(Form.NFC);
            case "NFD" -> new Normalizer.Unicode(Form.NFD);
            case "NFKC" -> new Normalizer.Unicode(Form.NFKC);
            case "NFKD" -> new Normalizer.Unicode(Form.NFKD);
            case "Lowercase" -> new Normalizer.Lowercase();
            case "StripAccents" -> new Normalizer.StripAccents();
            case "Strip" -> new Normalizer.Strip(n.path("strip_left").asBoolean(true), n.path("strip_right").asBoolean(true));
            case "Replace" -> new Normalizer.Replace(pattern(n.path("pattern")), n.path("content").asText());
            case "Prepend" -> new Normalizer.Prepend(n.path("prepend").asText());
            case "ByteLevel" -> new Normalizer.ByteLevel();
            case "Sequence" -> {
                List<Normalizer> steps = new ArrayList<>();
                n.path("normalizers").forEach(s -> steps.add(normalizer(s)));
                yield new Normalizer.Sequence(List.copyOf(steps));
            }
            default -> throw unsupported("normalizer", type);
        };
    }

    private PreTokenizer preTokenizer(JsonNode p) {
        if (p.isMissingNode() || p.isNull()) {
            return null;
        }
        String type = p.path("type").asText();
        return switch (type) {
            case "BertPreTokenizer" -> new PreTokenizer.Bert();
            case "Whitespace" -> new PreTokenizer.Whitespace();
            case "WhitespaceSplit" -> new PreTokenizer.WhitespaceSplit();
            case "CharDelimiterSplit" -> new PreTokenizer.CharDelimiter(p.path("delimiter").asText().codePointAt(0));
            case "Punctuation" -> new PreTokenizer.Punctuation(SplitBehavior.parse(p.path("behavior").asText("Isolated")));
            case "Digits" -> new PreTokenizer.Digits(p.path("individual_digits").asBoolean(false));
            case "FixedLength" -> new PreTokenizer.FixedLength(p.path("length").asInt(5));
            case "Split" -> new PreTokenizer.Split(pattern(p.path("pattern")), SplitBehavior.parse(p.path("behavior").asText()),
                    p.path("invert").asBoolean(false));
            case "Metaspace" -> metaspace(p);
            case "ByteLevel" -> new PreTokenizer.ByteLevel(p.path("add_prefix_space").asBoolean(true), p.path("use_regex").asBoolean(true));
            case "Sequence" -> {
                List<PreTokenizer> steps = new ArrayList<>();
                p.path("pretokenizers").forEach(s -> steps.add(preTokenizer(s)));
                yield new PreTokenizer.Sequence(List.copyOf(steps));
            }
            default -> throw unsupported("pre_tokenizer", type);
        };
    }

    private static PreTokenizer metaspace(JsonNode p) {
        String scheme = p.path("prepend_scheme").asText("always");
        if (p.path("add_prefix_space").isBoolean() && !p.path("add_prefix_space").asBoolean()) {
            scheme = "never";
        }
        return new PreTokenizer.Metaspace(p.path("replacement").asText("\u2581").charAt(0), scheme, p.path("split").asBoolean(true));
    }

    /** A {"String": literal} or {"Regex": pattern}, with Unicode classes as Oniguruma has them. */
    private static Pattern pattern(JsonNode node) {
        try {
            if (node.has("String")) {
                return Pattern.compile(Pattern.quote(node.get("String").asText()));
            }
            if (node.has("Regex")) {
                return Pattern.compile(node.get("Regex").asText(), Pattern.UNICODE_CHARACTER_CLASS);
            }
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern " + node + " is not a regular expression Java can compile: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("pattern " + node + " is neither {\"String\": ...} nor {\"Regex\": ...}");
    }

    private static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? fallback : v.asText();
    }

    private IllegalArgumentException unsupported(String what, String type) {
        return new IllegalArgumentException(what + " '" + type + "' is not implemented by TopicJ's pure-Java tokenizer "
                + "(from " + origin + "); supported are listed in org.topicj.model2vec.tokenizer.Tokenizer's documentation");
    }
}
