package org.topicj.model2vec.tokenizer;

import java.util.Map;

/**
 * The {@code WordPiece} model: greedy longest-match-first over the vocabulary, later pieces with the
 * continuation prefix ({@code ##}); a word with an unmatched rest, or longer than
 * {@code max_input_chars_per_word} characters, becomes the unknown token.
 *
 * <p>Thread-safety: immutable.
 */
final class WordPiece implements TokenModel {
    private final Map<String, Integer> vocab;
    private final String unkToken;
    private final String prefix;
    private final int maxInputChars;

    WordPiece(Map<String, Integer> vocab, String unkToken, String prefix, int maxInputChars) {
        this.vocab = Map.copyOf(vocab);
        this.unkToken = unkToken;
        this.prefix = prefix;
        this.maxInputChars = maxInputChars;
    }

    @Override
    public void tokenize(String word, IdList out) {
        if (word.codePointCount(0, word.length()) > maxInputChars) {
            out.add(unkId());
            return;
        }
        Integer whole = vocab.get(word);
        if (whole != null) {
            out.add(whole);
            return;
        }
        int[] found = new int[word.length()];
        int count = 0;
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer id = null;
            while (start < end) {
                String sub = start > 0 ? prefix + word.substring(start, end) : word.substring(start, end);
                id = vocab.get(sub);
                if (id != null) {
                    break;
                }
                end -= Character.charCount(word.codePointBefore(end));
            }
            if (id == null) {
                out.add(unkId());
                return;
            }
            found[count++] = id;
            start = end;
        }
        for (int i = 0; i < count; i++) {
            out.add(found[i]);
        }
    }

    private int unkId() {
        Integer id = vocab.get(unkToken);
        if (id == null) {
            throw new IllegalStateException("WordPiece unknown token '" + unkToken + "' is not in the vocabulary");
        }
        return id;
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
