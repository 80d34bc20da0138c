/**
 * Finding embedding backends and opening embedders by key: {@link org.topicj.registry.Embedders}
 * (the process-wide registry) and {@link org.topicj.registry.EmbedderRegistry} (one of your own,
 * over given providers or class loaders).
 *
 * <p>A key is either {@code provider:model} ({@code "sbert:BAAI/bge-small-en-v1.5"},
 * {@code "openai:text-embedding-3-small"}), which picks the provider by name, or a bare model id
 * ({@code "all-MiniLM-L6-v2"}), which goes to the best-ranked provider claiming it. Backends are
 * found through {@link java.util.ServiceLoader}; see {@link org.topicj.spi.EmbedderProvider}.
 */
package org.topicj.registry;
