package org.topicj.model2vec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.embed.TokenEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * A Model2Vec static model as an {@link org.topicj.embed.Embedder}: pure Java, no native runtime.
 * Vectors are those of Python's {@code StaticModel.encode(texts)} (see {@link StaticModel} for the
 * rules), with {@code max_length} 512 and the model's {@code normalize} unless overridden.
 *
 * <p>Made from a distillation ({@code model2vec:distill(all-MiniLM-L6-v2)}), it distils on the first
 * call, reporting progress through that call's listener (task {@code "distilling"}), then closes the
 * transformer and embeds with the static model; {@code output} saves the distilled folder.
 *
 * <p>Thread-safety: safe for concurrent callers; the model is immutable.
 */
public final class Model2VecEmbedder extends AbstractEmbedder {
    private static final Logger LOG = LoggerFactory.getLogger(Model2VecEmbedder.class);

    private final int maxLength;
    private final Boolean normalizeOverride;
    private final Object distillLock = new Object();
    private volatile StaticModel model;
    private TokenEmbedder teacher;
    private final DistillOptions distillOptions;
    private final Path output;

    private Model2VecEmbedder(String modelId, int dimension, boolean normalized, String key, StaticModel model,
                              TokenEmbedder teacher, DistillOptions distillOptions, Path output, int maxLength, Boolean normalize) {
        super(modelId, dimension, normalized, key);
        this.model = model;
        this.teacher = teacher;
        this.distillOptions = distillOptions;
        this.output = output;
        this.maxLength = maxLength;
        this.normalizeOverride = normalize;
    }

    /**
     * @param model a loaded model
     * @return an embedder over it with Python's defaults ({@code max_length} 512, the model's normalize)
     */
    public static Model2VecEmbedder of(StaticModel model) {
        return builder(model).build();
    }

    /**
     * @param model a loaded model
     * @return a builder over it
     */
    public static Builder builder(StaticModel model) {
        return new Builder(Objects.requireNonNull(model, "model"), null, null);
    }

    /**
     * An embedder that distils its static model from {@code teacher} on first use and then closes it.
     *
     * @param teacher the transformer to distil; this embedder takes ownership and closes it
     * @param options the distillation settings (their progress listener is replaced by each call's)
     * @param output where to save the distilled model, or null
     * @return a builder
     */
    public static Builder distilling(TokenEmbedder teacher, DistillOptions options, Path output) {
        return new Builder(null, Objects.requireNonNull(teacher, "teacher"), Objects.requireNonNull(options, "options")).output(output);
    }

    @Override
    protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
        StaticModel m = model(progress);
        boolean norm = normalizeOverride != null ? normalizeOverride : m.normalize();
        float[] out = m.encode(texts, maxLength, norm);
        progress.update("embedding", texts.size(), texts.size());
        return DenseMatrix.wrap(texts.size(), dimension(), out);
    }

    /**
     * @param progress told of the distillation, if it happens now
     * @return the static model, distilling it first if needed
     */
    public StaticModel model(ProgressListener progress) {
        StaticModel m = model;
        if (m != null) {
            return m;
        }
        return whileOpen(() -> {
            synchronized (distillLock) {
                if (model == null) {
                    ProgressListener listener = ProgressListener.orNone(progress);
                    DistillOptions o = new DistillOptions(distillOptions.pcaDims(), distillOptions.sifCoefficient(),
                            distillOptions.tokenRemovePattern(), distillOptions.pooling(), distillOptions.float16(),
                            (task, done, total) -> listener.update("distilling", done, total));
                    StaticModel distilled = savedDistillation().orElseGet(() -> Model2Vec.distill(teacher, o));
                    if (distilled.dimension() != dimension()) {
                        throw new IllegalStateException("the distilled model has " + distilled.dimension()
                                + " dimensions, not the " + dimension() + " announced (fewer tokens than pca_dims?)");
                    }
                    if (output != null && !java.nio.file.Files.exists(output.resolve("config.json"))) {
                        distilled.save(output);
                        LOG.info("saved the distilled model of '{}' to {}", teacher.modelId(), output);
                    }
                    model = distilled;
                    teacher.close();
                    teacher = null;
                }
                return model;
            }
        });
    }

    /**
     * A model this same distillation saved before in {@code output}: reused, so a saved topic model
     * that names the key reopens without distilling again. A folder holding another model is an error.
     */
    private java.util.Optional<StaticModel> savedDistillation() {
        if (output == null || !java.nio.file.Files.exists(output.resolve("config.json"))) {
            return java.util.Optional.empty();
        }
        StaticModel saved = StaticModel.load(output);
        var c = saved.config();
        boolean same = c.path("tokenizer_name").asText().equals(teacher.modelId())
                && c.path("apply_pca").asInt(0) == (distillOptions.pcaDims() == null ? 0 : distillOptions.pcaDims())
                && c.path("sif_coefficient").asDouble(0) == (distillOptions.sifCoefficient() == null ? 0 : distillOptions.sifCoefficient())
                && c.path("pooling").asText().equalsIgnoreCase(distillOptions.pooling().name())
                && c.path("embedding_dtype").asText().equals(distillOptions.float16() ? "float16" : "float32");
        if (!same) {
            throw new IllegalStateException(output + " holds a model distilled with other settings (" + c
                    + "); give a new output folder, or load that one with model2vec:" + output);
        }
        LOG.info("reusing the distilled model of '{}' saved in {}", teacher.modelId(), output);
        return java.util.Optional.of(saved);
    }

    @Override
    protected void release() {
        synchronized (distillLock) {
            if (teacher != null) {
                teacher.close();
                teacher = null;
            }
        }
    }

    /** Options for {@link Model2VecEmbedder}. Thread-safety: not thread-safe; build once. */
    public static final class Builder {
        private final StaticModel model;
        private final TokenEmbedder teacher;
        private final DistillOptions distillOptions;
        private Path output;
        private int maxLength = 512;
        private Boolean normalize;
        private String modelId;
        private String key;

        private Builder(StaticModel model, TokenEmbedder teacher, DistillOptions distillOptions) {
            this.model = model;
            this.teacher = teacher;
            this.distillOptions = distillOptions;
        }

        /** @param tokens tokens kept per text, 0 for no limit (default 512, model2vec's) @return this */
        public Builder maxLength(int tokens) {
            if (tokens < 0) {
                throw new IllegalArgumentException("max_length must be 0 (no limit) or more, got " + tokens);
            }
            this.maxLength = tokens;
            return this;
        }

        /** @param unitNorm unit-norm vectors, overriding the model's config (null: the config's) @return this */
        public Builder normalize(Boolean unitNorm) {
            this.normalize = unitNorm;
            return this;
        }

        /** @param id the model id to report (default: from the model or the teacher) @return this */
        public Builder modelId(String id) {
            this.modelId = id;
            return this;
        }

        Builder key(String registryKey) {
            this.key = registryKey;
            return this;
        }

        Builder output(Path folder) {
            this.output = folder;
            return this;
        }

        /** @return the embedder */
        public Model2VecEmbedder build() {
            if (model != null) {
                boolean norm = normalize != null ? normalize : model.normalize();
                String id = modelId != null ? modelId : model.config().path("tokenizer_name").asText("model2vec");
                return new Model2VecEmbedder(id, model.dimension(), norm, key, model, null, null, null, maxLength, normalize);
            }
            int hidden = teacher.hiddenSize();
            int dims = distillOptions.pcaDims() == null ? hidden : Math.min(distillOptions.pcaDims(), hidden);
            String id = modelId != null ? modelId : "distill(" + teacher.modelId() + ")";
            return new Model2VecEmbedder(id, dims, normalize == null || normalize, key, null, teacher, distillOptions, output,
                    maxLength, normalize);
        }
    }
}
