/**
 * The embedding API: {@link org.topicj.embed.Embedder}, {@link org.topicj.embed.ImageEmbedder}, and
 * the string-keyed registry {@link org.topicj.embed.Embedders}.
 *
 * <p>A key is either {@code provider:model} ({@code "sbert:BAAI/bge-small-en-v1.5"},
 * {@code "openai:text-embedding-3-small"}), which picks the provider by name, or a bare model id
 * ({@code "all-MiniLM-L6-v2"}), which goes to the best-ranked provider claiming it. Backends are
 * found through {@link java.util.ServiceLoader}; see {@link org.topicj.spi.EmbedderProvider}.
 */
package org.topicj.embed;
