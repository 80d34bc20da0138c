package org.topicj.model2vec.tokenizer;

/**
 * A piece of normalised text on its way to the model.
 *
 * @param text the text
 * @param atStart whether it begins where the input began (Metaspace's {@code prepend_scheme: first})
 */
record Piece(String text, boolean atStart) {
}
