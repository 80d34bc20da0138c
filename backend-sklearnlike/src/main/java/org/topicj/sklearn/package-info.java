/**
 * scikit-learn-style embedding pipelines in pure Java: {@link org.topicj.sklearn.TfidfVectorizer},
 * {@link org.topicj.sklearn.HashingVectorizer}, {@link org.topicj.sklearn.TruncatedSvd},
 * {@link org.topicj.sklearn.Normalizer}, {@link org.topicj.sklearn.StandardScaler}, composed as a
 * {@link org.topicj.sklearn.Pipeline} and opened by key through {@link org.topicj.sklearn.PipelineSpec}'s
 * grammar, e.g. {@code Embedders.open("sklearn:tfidf+svd(100)")}.
 */
package org.topicj.sklearn;
