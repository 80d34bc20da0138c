/**
 * TopicJ: neural topic modeling for the JVM. This package holds the root of the exception
 * hierarchy; {@link org.topicj.topics} fits and answers topic models, {@link org.topicj.embed} is
 * the embedding contract, {@link org.topicj.registry} opens embedders by key, {@link org.topicj.spi}
 * is what backend authors implement (with helpers in {@link org.topicj.spi.support}), and
 * {@link org.topicj.matrix} holds the matrix types and NumPy {@code .npy} I/O.
 */
package org.topicj;
