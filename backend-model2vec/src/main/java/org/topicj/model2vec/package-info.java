/**
 * Model2Vec static embeddings in pure Java: {@link org.topicj.model2vec.StaticModel} (load, encode,
 * save in model2vec's format), {@link org.topicj.model2vec.Model2Vec#distill} (a static model from any
 * transformer embedder with token-level access), and the {@code model2vec} provider.
 */
package org.topicj.model2vec;
