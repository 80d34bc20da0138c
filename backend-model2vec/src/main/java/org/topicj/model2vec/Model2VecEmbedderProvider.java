package org.topicj.model2vec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.embed.TokenEmbedder;
import org.topicj.registry.Embedders;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;
import org.topicj.spi.support.HuggingFaceCache;

/**
 * The {@code model2vec} provider (BERTopic's {@code Model2VecBackend}): {@code model2vec:/folder},
 * {@code model2vec:ORG/NAME} from the Hugging Face cache (e.g. {@code minishlab/potion-base-8M}, a
 * bare id that it also claims, rank 5), and {@code model2vec:distill(KEY)}, which opens KEY through
 * the registry and distils it on first use ({@code distill=True} in BERTopic).
 *
 * <p>Options: {@code normalize} (default: the model's config), {@code max_length} (512; 0 = none),
 * {@code revision}; for distillation {@code pca_dims} (256; 0 = no PCA), {@code sif_coefficient}
 * (1e-4; 0 = no weighting), {@code token_remove_pattern}, {@code pooling} (mean|first|last),
 * {@code quantize_to} (float16|float32), {@code output} (save the distilled folder there).
 *
 * <p>Thread-safety: stateless.
 */
public final class Model2VecEmbedderProvider implements EmbedderProvider {
    /** The provider's rank among claimants of a bare id: before sbert's 10. */
    public static final int RANK = 5;
    private static final List<String> DISTILL_OPTIONS = List.of("pca_dims", "sif_coefficient", "token_remove_pattern", "pooling",
            "quantize_to", "output");

    private final Function<String, String> env;

    /** A provider reading the process environment. */
    public Model2VecEmbedderProvider() {
        this(System::getenv);
    }

    Model2VecEmbedderProvider(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "model2vec";
    }

    @Override
    public int rank() {
        return RANK;
    }

    @Override
    public String artifact() {
        return "org.topicj:backend-model2vec";
    }

    @Override
    public boolean claims(String modelId) {
        return modelId.toLowerCase(Locale.ROOT).startsWith("minishlab/");
    }

    @Override
    public String claimsDescription() {
        return "minishlab/* (Model2Vec models in the Hugging Face cache); model2vec:/folder, model2vec:ORG/NAME, "
                + "model2vec:distill(KEY)";
    }

    @Override
    public List<BackendOption> options() {
        return List.of(
                BackendOption.bool("normalize", true, "unit-norm vectors (default: the model's config.json)"),
                BackendOption.integer("max_length", 512, "tokens kept per text; 0 = no limit"),
                BackendOption.string("revision", "main", "branch, tag or commit of a Hugging Face cache entry"),
                BackendOption.integer("pca_dims", 256, "distillation: PCA dimensions; 0 = no PCA"),
                BackendOption.number("sif_coefficient", 1e-4, "distillation: SIF weighting coefficient; 0 = no weighting"),
                BackendOption.string("token_remove_pattern", DistillOptions.DEFAULT_REMOVE_PATTERN,
                        "distillation: tokens matching this regex at their start are dropped"),
                BackendOption.choice("pooling", "mean", "distillation: pooling of each token's hidden states", "mean", "first", "last"),
                BackendOption.choice("quantize_to", "float16", "distillation: precision of the vectors", "float16", "float32"),
                BackendOption.location("output", "distillation: save the distilled model in this (new or empty) folder"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        String model = spec.model().trim();
        int maxLength = spec.intOption("max_length", 512);
        Boolean normalize = spec.option("normalize").map(v -> spec.booleanOption("normalize", true)).orElse(null);
        Optional<String> inner = distillTarget(model);
        if (inner.isEmpty()) {
            for (String o : DISTILL_OPTIONS) {
                if (spec.option(o).isPresent()) {
                    throw new IllegalArgumentException("option '" + o + "' of '" + spec.key() + "' applies to distillation only ("
                            + "model2vec:distill(KEY)); a saved Model2Vec model is used as it is");
                }
            }
            StaticModel m = StaticModel.load(locate(model, spec.option("revision").orElse(null)));
            return Model2VecEmbedder.builder(m).maxLength(maxLength).normalize(normalize).modelId(model).key(spec.key()).build();
        }
        DistillOptions options = distillOptions(spec);
        Path output = spec.option("output").map(Path::of).orElse(null);
        Embedder teacher = Embedders.open(inner.get());
        if (!(teacher instanceof TokenEmbedder te)) {
            String what = teacher.getClass().getName();
            teacher.close();
            throw new BackendInitializationException("cannot distil '" + inner.get() + "': its embedder (" + what + ") gives no "
                    + "token-level access; distil a sentence-transformers model of org.topicj:backend-sbert");
        }
        return Model2VecEmbedder.distilling(te, options, output).maxLength(maxLength).normalize(normalize)
                .modelId("distill(" + inner.get() + ")").key(spec.key()).build();
    }

    static Optional<String> distillTarget(String model) {
        if (model.startsWith("distill(") && model.endsWith(")")) {
            String inner = model.substring("distill(".length(), model.length() - 1).trim();
            if (inner.isEmpty()) {
                throw new IllegalArgumentException("model2vec:distill() needs a key inside the parentheses, e.g. "
                        + "model2vec:distill(all-MiniLM-L6-v2)");
            }
            return Optional.of(inner);
        }
        return Optional.empty();
    }

    private static DistillOptions distillOptions(EmbedderSpec spec) {
        int pca = spec.intOption("pca_dims", 256);
        double sif = spec.option("sif_coefficient").map(Double::parseDouble).orElse(1e-4);
        DistillOptions.Builder b = DistillOptions.builder()
                .pcaDims(pca == 0 ? null : pca)
                .sifCoefficient(sif == 0 ? null : sif)
                .pooling(TokenEmbedder.Pooling.valueOf(spec.option("pooling").orElse("mean").toUpperCase(Locale.ROOT)))
                .float16(!"float32".equals(spec.option("quantize_to").orElse("float16")));
        spec.option("token_remove_pattern").ifPresent(p -> b.tokenRemovePattern(p.isEmpty() ? null : p));
        return b.build();
    }

    /** A folder path, else a Hugging Face cache snapshot of ORG/NAME. */
    private Path locate(String model, String revision) {
        Path p = Path.of(model.startsWith("~/") ? System.getProperty("user.home") + model.substring(1) : model);
        if (Files.isDirectory(p)) {
            return p.toAbsolutePath().normalize();
        }
        boolean pathLike = model.startsWith("/") || model.startsWith(".") || model.startsWith("~");
        HuggingFaceCache cache = new HuggingFaceCache(env);
        if (!pathLike && model.contains("/")) {
            Optional<Path> snapshot = cache.snapshot(model, revision);
            if (snapshot.isPresent()) {
                return snapshot.get();
            }
        }
        throw new BackendInitializationException("Model2Vec model '" + model + "' not found: "
                + (pathLike ? "no such folder" : "not a folder, and not in the Hugging Face cache (looked for "
                + cache.repoFolder(model) + ")") + ". Give a folder with config.json, model.safetensors and tokenizer.json "
                + "(StaticModel.save_pretrained writes one), set HF_HOME / HF_HUB_CACHE, or distil one: model2vec:distill(all-MiniLM-L6-v2)");
    }
}
