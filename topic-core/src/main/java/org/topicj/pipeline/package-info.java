/**
 * The stages of a topic model behind interfaces, as BERTopic's per-stage seams: a
 * {@link org.topicj.pipeline.Reducer} (UMAP, PCA, none) and a {@link org.topicj.pipeline.Clusterer}
 * (HDBSCAN, k-means, given labels), each fitting into a fitted form that places new documents and
 * saves itself by a type ({@link org.topicj.pipeline.Stages} loads it back). Incremental variants
 * ({@link org.topicj.pipeline.IncrementalReducer}, {@link org.topicj.pipeline.IncrementalClusterer})
 * learn chunk by chunk for online topic models.
 */
package org.topicj.pipeline;
