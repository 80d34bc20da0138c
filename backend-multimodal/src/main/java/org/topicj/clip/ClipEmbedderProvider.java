package org.topicj.clip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.embed.ModelNotFoundException;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;
import org.topicj.spi.support.HuggingFaceCache;

/**
 * The {@code clip} provider: CLIP text and image embeddings on ONNX Runtime. Keys:
 * {@code clip:/path/to/folder}, {@code clip:openai/clip-vit-base-patch32} (an ONNX export in the
 * Hugging Face cache), or the bare names BERTopic uses, {@code clip-ViT-B-32}, {@code clip-ViT-B-16},
 * {@code clip-ViT-L-14}, which map to OpenAI's repositories in the cache (rank 5, before
 * sentence-transformers). The embedder it opens is an {@link org.topicj.embed.ImageEmbedder}.
 *
 * <p>Options: {@code batch_size} (32), {@code threads} (0 = all cores), {@code normalize} (true),
 * {@code on_unreadable_image} (fail|skip), {@code revision} (cache).
 */
public final class ClipEmbedderProvider implements EmbedderProvider {
    private static final Map<String, String> NAMES = Map.of(
            "clip-vit-b-32", "openai/clip-vit-base-patch32",
            "clip-vit-b-16", "openai/clip-vit-base-patch16",
            "clip-vit-l-14", "openai/clip-vit-large-patch14");
    private static final Map<String, Integer> DIMENSIONS = Map.of(
            "openai/clip-vit-base-patch32", 512, "openai/clip-vit-base-patch16", 512, "openai/clip-vit-large-patch14", 768);

    @Override
    public String name() {
        return "clip";
    }

    @Override
    public int rank() {
        return 5;
    }

    @Override
    public String artifact() {
        return "org.topicj:backend-multimodal";
    }

    @Override
    public boolean claims(String modelId) {
        return NAMES.containsKey(modelId.toLowerCase(Locale.ROOT));
    }

    @Override
    public String claimsDescription() {
        return "clip-ViT-B-32, clip-ViT-B-16, clip-ViT-L-14 (ONNX exports of OpenAI's CLIP in the Hugging Face cache)";
    }

    @Override
    public OptionalInt dimension(String modelId) {
        Integer d = DIMENSIONS.get(NAMES.getOrDefault(modelId.toLowerCase(Locale.ROOT), modelId));
        return d == null ? OptionalInt.empty() : OptionalInt.of(d);
    }

    @Override
    public List<BackendOption> options() {
        return List.of(
                BackendOption.integer("batch_size", 32, "texts or images per ONNX Runtime run"),
                BackendOption.integer("threads", 0, "ONNX Runtime intra-op threads; 0 = every core"),
                BackendOption.bool("normalize", true, "scale every vector to unit length"),
                BackendOption.choice("on_unreadable_image", "fail", "what an unreadable image does: fail by name, or skip as a NaN row", "fail", "skip"),
                BackendOption.string("revision", "main", "branch, tag or commit of a Hugging Face cache entry"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        String policy = spec.option("on_unreadable_image").orElse("fail").toUpperCase(Locale.ROOT);
        if (!policy.equals("FAIL") && !policy.equals("SKIP")) {
            throw new IllegalArgumentException("on_unreadable_image must be fail or skip, got '"
                    + spec.option("on_unreadable_image").orElse("") + "'");
        }
        return ClipEmbedder.builder()
                .folder(locate(spec.model(), spec.option("revision").orElse(null), new HuggingFaceCache(System::getenv)))
                .modelId(spec.model())
                .key(spec.key())
                .batchSize(spec.intOption("batch_size", 32))
                .threads(spec.intOption("threads", 0))
                .normalize(spec.booleanOption("normalize", true))
                .onUnreadableImage(ClipEmbedder.UnreadableImages.valueOf(policy))
                .build();
    }

    static Path locate(String model, String revision, HuggingFaceCache cache) {
        Path p = Path.of(model.startsWith("~/") ? System.getProperty("user.home") + model.substring(1) : model);
        if (Files.isDirectory(p)) {
            return p.toAbsolutePath().normalize();
        }
        List<String> repos = new ArrayList<>();
        Optional.ofNullable(NAMES.get(model.toLowerCase(Locale.ROOT))).ifPresent(repos::add);
        if (model.chars().filter(c -> c == '/').count() == 1 && !p.isAbsolute()) {
            repos.add(model);
        }
        if (NAMES.containsKey(model.toLowerCase(Locale.ROOT))) {
            repos.add("sentence-transformers/" + model);
        }
        for (String repo : repos) {
            Optional<Path> snapshot = cache.snapshot(repo, revision);
            if (snapshot.isPresent()) {
                return snapshot.get();
            }
        }
        throw new ModelNotFoundException("CLIP model '" + model + "' not found: not a folder"
                + (repos.isEmpty() ? "" : ", and not in the Hugging Face cache (looked for "
                + repos.stream().map(cache::repoFolder).toList() + ")")
                + ". Export it once with 'optimum-cli export onnx --model " + repos.stream().findFirst().orElse("openai/clip-vit-base-patch32")
                + " DIR' and give clip:DIR");
    }
}
