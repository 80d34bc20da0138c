package org.topicj.model2vec.tokenizer;

/**
 * An entry of {@code tokenizer.json}'s {@code added_tokens}: a string matched in the text before
 * the model sees it (special tokens such as {@code [CLS]} and user-added words alike).
 *
 * @param id its id
 * @param content the text it matches
 * @param singleWord match only where it is not inside a word
 * @param lstrip also take the whitespace on its left
 * @param rstrip also take the whitespace on its right
 * @param normalized match against the normalised text (else the raw text)
 * @param special a special token
 */
record AddedToken(int id, String content, boolean singleWord, boolean lstrip, boolean rstrip, boolean normalized,
                  boolean special) {
}
