/**
 * Pooled static word vectors: word2vec, GloVe and fastText files read in pure Java, documents as
 * the mean (or max, or min) of their words' vectors. The {@code wordvec} provider opens
 * {@code wordvec:/path/to/vectors.txt}.
 */
package org.topicj.wordvec;
