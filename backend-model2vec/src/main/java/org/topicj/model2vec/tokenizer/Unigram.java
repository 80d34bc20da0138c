package org.topicj.model2vec.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Unigram} model (SentencePiece): the segmentation of highest total log-probability,
 * found by Viterbi over every vocabulary entry that starts at each position. A character no entry
 * covers costs the lowest score minus 10 and becomes the unknown token; adjacent unknowns are fused,
 * and with {@code byte_fallback} an unknown piece becomes its UTF-8 byte tokens {@code <0xAB>}.
 * The same search as {@code tokenizers}' {@code encode_optimized}, ties going to the shorter piece.
 *
 * <p>Thread-safety: immutable.
 */
final class Unigram implements TokenModel {
    private static final double UNK_PENALTY = 10.0;

    private final Map<String, Integer> vocab;
    private final double[] scores;
    private final Integer unkId;
    private final String unkToken;
    private final boolean byteFallback;
    private final double minScore;
    private final Node root = new Node();

    /** A trie node over UTF-16 code units. */
    private static final class Node {
        final Map<Character, Node> children = new HashMap<>(4);
        int id = -1;
    }

    Unigram(List<String> pieces, double[] scores, Integer unkId, boolean byteFallback) {
        Map<String, Integer> v = new HashMap<>();
        double min = Double.POSITIVE_INFINITY;
        for (int id = 0; id < pieces.size(); id++) {
            String piece = pieces.get(id);
            v.put(piece, id);
            min = Math.min(min, scores[id]);
            Node node = root;
            for (int i = 0; i < piece.length(); i++) {
                node = node.children.computeIfAbsent(piece.charAt(i), k -> new Node());
            }
            node.id = id;
        }
        this.vocab = Map.copyOf(v);
        this.scores = scores.clone();
        this.unkId = unkId;
        this.unkToken = unkId == null ? null : pieces.get(unkId);
        this.byteFallback = byteFallback;
        this.minScore = min;
    }

    @Override
    public void tokenize(String s, IdList out) {
        if (s.isEmpty()) {
            return;
        }
        int size = s.length();
        double[] best = new double[size + 1];
        int[] from = new int[size + 1];
        int[] ids = new int[size + 1];
        java.util.Arrays.fill(from, -1);
        double unkScore = minScore - UNK_PENALTY;
        for (int start = 0; start < size; ) {
            int charLen = Character.charCount(s.codePointAt(start));
            boolean single = false;
            Node node = root;
            for (int i = start; i < size; i++) {
                node = node.children.get(s.charAt(i));
                if (node == null) {
                    break;
                }
                if (node.id >= 0) {
                    int end = i + 1;
                    relax(best, from, ids, start, end, node.id, scores[node.id]);
                    single |= end - start == charLen;
                }
            }
            if (!single) {
                if (unkId == null) {
                    throw new IllegalStateException("Unigram: '" + s.substring(start, start + charLen)
                            + "' is not in the vocabulary and the model has no unk_id");
                }
                relax(best, from, ids, start, start + charLen, unkId, unkScore);
            }
            start += charLen;
        }
        emit(s, from, ids, out);
    }

    private static void relax(double[] best, int[] from, int[] ids, int start, int end, int id, double score) {
        double candidate = best[start] + score;
        if (from[end] < 0 || candidate > best[end]) {
            best[end] = candidate;
            from[end] = start;
            ids[end] = id;
        }
    }

    /** Walks the best path back, fusing unknown pieces, and maps each piece to its id(s). */
    private void emit(String s, int[] from, int[] ids, IdList out) {
        List<String> pieces = new ArrayList<>();
        StringBuilder unknown = null;
        for (int end = s.length(); end > 0; end = from[end]) {
            String piece = s.substring(from[end], end);
            if (unkId != null && ids[end] == unkId) {
                unknown = unknown == null ? new StringBuilder(piece) : unknown.insert(0, piece);
            } else {
                if (unknown != null) {
                    pieces.add(unknown.toString());
                    unknown = null;
                }
                pieces.add(piece);
            }
        }
        if (unknown != null) {
            pieces.add(unknown.toString());
        }
        for (int i = pieces.size() - 1; i >= 0; i--) {
            idsOf(pieces.get(i), out);
        }
    }

    private void idsOf(String piece, IdList out) {
        Integer id = vocab.get(piece);
        if (id != null) {
            out.add(id);
            return;
        }
        if (byteFallback) {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            int[] byteIds = new int[bytes.length];
            boolean all = true;
            for (int i = 0; i < bytes.length && all; i++) {
                Integer b = vocab.get(String.format(Locale.ROOT, "<0x%02X>", bytes[i] & 0xFF));
                all = b != null;
                byteIds[i] = all ? b : -1;
            }
            if (all) {
                for (int b : byteIds) {
                    out.add(b);
                }
                return;
            }
        }
        out.add(unkId);
    }

    @Override
    public Map<String, Integer> vocab() {
        return vocab;
    }

    @Override
    public String unkToken() {
        return unkToken;
    }
}
