/**
 * The embedding contract: {@link org.topicj.embed.Embedder} (texts to vectors),
 * {@link org.topicj.embed.ImageEmbedder}, {@link org.topicj.embed.StatefulEmbedder}, the base class
 * {@link org.topicj.embed.AbstractEmbedder}, and the exceptions embedders and backends raise.
 * Embedders are opened by key through {@link org.topicj.registry.Embedders}, or constructed from a
 * backend's own classes.
 */
package org.topicj.embed;
