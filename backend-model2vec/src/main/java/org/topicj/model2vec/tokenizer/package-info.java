/**
 * A pure-Java reader and encoder of Hugging Face {@code tokenizer.json} files
 * ({@link org.topicj.model2vec.tokenizer.Tokenizer}), so that static models need no native runtime.
 */
package org.topicj.model2vec.tokenizer;
