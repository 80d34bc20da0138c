package org.topicj.spi.support;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The options every backend that loads a model folder shares, for its builder to extend: the folder,
 * the id the embedder reports, the registry key that reopens it, and the batch size.
 *
 * <pre>{@code
 * public static final class Builder extends LocalModelBuilder<Builder> {
 *     Builder() { super(32); }
 *     public MyEmbedder build() { return new MyEmbedder(requireFolder(), modelId(), key(), batchSize()); }
 * }
 * }</pre>
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class LocalModelBuilder<B extends LocalModelBuilder<B>> {
    private Path folder;
    private String modelId;
    private String key;
    private int batchSize;

    /** @param defaultBatchSize the batch size when the user sets none, &gt; 0 */
    protected LocalModelBuilder(int defaultBatchSize) {
        this.batchSize = defaultBatchSize;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** @param folder the model folder; @return this */
    public B folder(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
        return self();
    }

    /** @param modelId the id the embedder reports; defaults to the folder; @return this */
    public B modelId(String modelId) {
        this.modelId = modelId;
        return self();
    }

    /** @param key the registry key that reopens this model, or {@code null}; @return this */
    public B key(String key) {
        this.key = key;
        return self();
    }

    /** @param batchSize inputs per model run, &gt; 0; @return this */
    public B batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        return self();
    }

    /** @return the folder; @throws NullPointerException if none was given */
    public final Path requireFolder() {
        return Objects.requireNonNull(folder, "folder is required");
    }

    /** @return the model id: the one given, else the folder */
    public final String modelId() {
        return modelId != null ? modelId : requireFolder().toString();
    }

    /** @return the registry key, or {@code null} */
    public final String key() {
        return key;
    }

    /** @return the batch size */
    public final int batchSize() {
        return batchSize;
    }
}
