package org.topicj.hf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;
import org.topicj.spi.support.HuggingFaceCache;
import org.topicj.spi.support.TokenPooling;

/**
 * The {@code hf} provider: Hugging Face transformers traced to TorchScript, on DJL's PyTorch engine.
 * Keys: {@code hf:/path/to/folder}, or {@code hf:ORG/NAME} for a snapshot in the local Hugging Face
 * cache that holds a TorchScript export. It claims no bare ids (those go to sentence-transformers).
 *
 * <p>Options: {@code batch_size} (32), {@code pooling} (mean|cls; mean), {@code normalize} (true),
 * {@code max_length} (the model's limit), {@code device} (cpu|gpu|gpu:N), {@code token_type_ids}
 * (true|false; found by trying), {@code torchscript_file}, {@code revision} (cache).
 */
public final class HfEmbedderProvider implements EmbedderProvider {
    @Override
    public String name() {
        return "hf";
    }

    @Override
    public String artifact() {
        return "org.topicj:backend-hf";
    }

    @Override
    public List<BackendOption> options() {
        return List.of(
                BackendOption.integer("batch_size", 32, "texts per model run (sorted by length)"),
                BackendOption.choice("pooling", "mean", "how token vectors become one vector", "mean", "cls"),
                BackendOption.bool("normalize", true, "scale every vector to unit length"),
                BackendOption.integer("max_length", null, "tokens kept per text (default: the model's limit)"),
                BackendOption.string("device", null, "cpu, gpu or gpu:N (default: DJL's default device)"),
                new BackendOption("token_type_ids", BackendOption.Type.BOOLEAN, null, false,
                        "feed token_type_ids to the model (default: found by trying)", List.of()),
                BackendOption.string("torchscript_file", null, "the .pt file inside the folder"),
                BackendOption.string("revision", "main", "branch, tag or commit of a Hugging Face cache entry"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        HfEmbedder.Builder b = HfEmbedder.builder()
                .folder(locate(spec.model(), spec.option("revision").orElse(null), new HuggingFaceCache(System::getenv)))
                .modelId(spec.model())
                .key(spec.key())
                .batchSize(spec.intOption("batch_size", 32));
        spec.option("pooling").ifPresent(p -> b.pooling(TokenPooling.parse(p)));
        spec.option("normalize").ifPresent(v -> b.normalize(spec.booleanOption("normalize", true)));
        spec.option("max_length").ifPresent(v -> b.maxLength(spec.intOption("max_length", 0)));
        spec.option("token_type_ids").ifPresent(v -> b.tokenTypes(spec.booleanOption("token_type_ids", true)));
        spec.option("device").ifPresent(b::device);
        spec.option("torchscript_file").ifPresent(b::torchScriptFile);
        return b.build();
    }

    static Path locate(String model, String revision, HuggingFaceCache cache) {
        Path p = Path.of(model.startsWith("~/") ? System.getProperty("user.home") + model.substring(1) : model);
        if (Files.isDirectory(p)) {
            return p.toAbsolutePath().normalize();
        }
        boolean pathLike = p.isAbsolute() || model.startsWith(".") || model.startsWith("~") || model.chars().filter(c -> c == '/').count() > 1;
        if (!pathLike) {
            Optional<Path> snapshot = cache.snapshot(model, revision);
            if (snapshot.isPresent()) {
                return snapshot.get();
            }
        }
        throw new BackendInitializationException("transformers model '" + model + "' not found: "
                + (pathLike ? "no such folder" : "not a folder, and not in the Hugging Face cache (looked for "
                + cache.repoFolder(model) + ")") + ". Give a folder with a TorchScript export (*.pt) and tokenizer.json, "
                + "e.g. traced with torch.jit.trace(AutoModel.from_pretrained(ID, torchscript=True), (input_ids, attention_mask)), "
                + "or set HF_HOME / HF_HUB_CACHE to the cache that holds it");
    }
}
