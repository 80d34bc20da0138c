package org.topicj.model2vec.tokenizer;

import java.util.Map;

/**
 * The {@code WordLevel} model: a word is its vocabulary entry, or the unknown token.
 *
 * <p>Thread-safety: immutable.
 */
final class WordLevel implements TokenModel {
    private final Map<String, Integer> vocab;
    private final String unkToken;

    WordLevel(Map<String, Integer> vocab, String unkToken) {
        this.vocab = Map.copyOf(vocab);
        this.unkToken = unkToken;
    }

    @Override
    public void tokenize(String word, IdList out) {
        Integer id = vocab.get(word);
        if (id == null) {
            id = unkToken == null ? null : vocab.get(unkToken);
            if (id == null) {
                throw new IllegalStateException("WordLevel: '" + word + "' is not in the vocabulary and the model has no unknown token");
            }
        }
        out.add(id);
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
