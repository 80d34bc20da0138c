package org.topicj.model2vec.tokenizer;

import java.util.Map;

/**
 * The "model" of a {@code tokenizer.json}: turns one pre-tokenised word into token ids.
 *
 * <p>Thread-safety: implementations are safe for concurrent use.
 */
interface TokenModel {
    /**
     * @param word a non-empty word
     * @param out receives its token ids
     */
    void tokenize(String word, IdList out);

    /** @return token string to id */
    Map<String, Integer> vocab();

    /** @return the unknown token, or null if the model has none */
    String unkToken();
}
