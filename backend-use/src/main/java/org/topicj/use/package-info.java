/**
 * Universal Sentence Encoder and other string-in TensorFlow SavedModels as embedders (provider {@code use}).
 */
package org.topicj.use;
