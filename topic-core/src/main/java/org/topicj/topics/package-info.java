/**
 * Topic models: {@link org.topicj.topics.TopicModeler} fits, {@link org.topicj.topics.TopicModel} answers (topics, transform,
 * search, reductions), {@link org.topicj.topics.OnlineTopicModel} learns chunk by chunk; saved models are data only.
 */
package org.topicj.topics;
