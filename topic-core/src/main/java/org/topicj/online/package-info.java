/**
 * Models that learn chunk by chunk, for BERTopic's online topic modelling: {@link org.topicj.online.IncrementalPca}
 * in place of UMAP and {@link org.topicj.online.MiniBatchKMeans} in place of HDBSCAN.
 */
package org.topicj.online;
