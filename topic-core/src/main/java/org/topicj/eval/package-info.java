/** Measures for judging topics and clusterings: {@link org.topicj.eval.ClusteringMetrics}. */
package org.topicj.eval;
