/**
 * TopicJ: neural topic modeling for the JVM. This package holds the exception hierarchy;
 * {@link org.topicj.embed} the embedding API and registry, {@link org.topicj.spi} what backend
 * authors implement, {@link org.topicj.matrix} the matrix types and NumPy {@code .npy} I/O.
 */
package org.topicj;
