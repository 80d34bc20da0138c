package org.topicj.hf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.Embedder;
import org.topicj.embed.UnsupportedOptionException;
import org.topicj.hf.nn.Architectures;
import org.topicj.hf.nn.Precision;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;
import org.topicj.spi.support.HuggingFaceCache;
import org.topicj.spi.support.TokenPooling;

/**
 * The {@code hf} provider: Hugging Face models on DJL's PyTorch engine. Keys: {@code hf:/path/to/folder},
 * or {@code hf:ORG/NAME} for a snapshot in the local Hugging Face cache. A folder holding a
 * TorchScript export ({@code *.pt}) runs on the TorchScript engine ({@link HfEmbedder}); any other
 * runs from its safetensors weights ({@link TransformerEmbedder}: bert, roberta, xlm-roberta,
 * distilbert, mpnet, modernbert, qwen3, gemma3_text). It claims no bare ids (those go to
 * sentence-transformers).
 *
 * <p>Options (both engines): {@code batch_size}, {@code pooling}, {@code normalize}, {@code max_length},
 * {@code device}, {@code revision}. TorchScript only: {@code token_type_ids}, {@code torchscript_file}.
 * Safetensors only: {@code dtype}, {@code prompt}, {@code prompt_name}, {@code truncate_dim},
 * {@code long_documents}, {@code chunk_overlap}. An option of the other engine is an error.
 *
 * <p>Thread-safety: stateless.
 */
public final class HfEmbedderProvider implements EmbedderProvider {
    private static final Set<String> TORCHSCRIPT_ONLY = Set.of("token_type_ids", "torchscript_file");
    private static final Set<String> SAFETENSORS_ONLY = Set.of("dtype", "prompt", "prompt_name", "truncate_dim",
            "long_documents", "chunk_overlap");

    @Override
    public String name() {
        return "hf";
    }

    @Override
    public String artifact() {
        return "org.topicj:backend-hf";
    }

    @Override
    public String claimsDescription() {
        return "hf:/folder or hf:ORG/NAME (Hugging Face cache): safetensors models of type "
                + String.join(", ", Architectures.supported()) + ", or TorchScript exports";
    }

    @Override
    public List<BackendOption> options() {
        return List.of(
                BackendOption.integer("batch_size", 32, "texts per model run (sorted by length)"),
                BackendOption.choice("pooling", null, "how token vectors become one vector (default: the folder's "
                        + "sentence-transformers pooling, else mean; lasttoken for qwen3)",
                        "mean", "cls", "max", "mean_sqrt_len", "weightedmean", "lasttoken"),
                new BackendOption("normalize", BackendOption.Type.BOOLEAN, null, false,
                        "scale every vector to unit length (default: the folder's Normalize module, else true)", List.of()),
                BackendOption.integer("max_length", null, "tokens kept per text, special tokens included (default: the model's limit)"),
                BackendOption.string("device", null, "cpu, gpu or gpu:N (default: DJL's default device)"),
                BackendOption.string("revision", "main", "branch, tag or commit of a Hugging Face cache entry"),
                new BackendOption("token_type_ids", BackendOption.Type.BOOLEAN, null, false,
                        "TorchScript: feed token_type_ids to the model (default: found by trying)", List.of()),
                BackendOption.string("torchscript_file", null, "TorchScript: the .pt file inside the folder"),
                BackendOption.choice("dtype", "float32", "safetensors: number type of weights and activations",
                        "float32", "bfloat16"),
                BackendOption.string("prompt", null, "safetensors: text prepended to every document (\"\" for none)"),
                BackendOption.string("prompt_name", null, "safetensors: one of the model's prompts "
                        + "(default: its clustering, else document/passage/corpus prompt)"),
                BackendOption.integer("truncate_dim", null, "safetensors: keep this many leading dimensions (Matryoshka)"),
                BackendOption.choice("long_documents", "truncate", "safetensors: texts longer than max_length are cut, "
                        + "or embedded as overlapping windows that are averaged", "truncate", "chunk"),
                BackendOption.integer("chunk_overlap", null, "safetensors: tokens neighbouring windows share "
                        + "(default: a quarter of a window)"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        Path folder = locate(spec.model(), spec.option("revision").orElse(null), new HuggingFaceCache(System::getenv));
        boolean torchScript = spec.option("torchscript_file").isPresent() || TorchScriptFolder.holdsTorchScript(folder);
        Set<String> wrong = new HashSet<>(spec.options().keySet());
        wrong.retainAll(torchScript ? SAFETENSORS_ONLY : TORCHSCRIPT_ONLY);
        if (!wrong.isEmpty()) {
            Set<String> supported = new HashSet<>(options().stream().map(BackendOption::name).toList());
            supported.removeAll(torchScript ? SAFETENSORS_ONLY : TORCHSCRIPT_ONLY);
            throw new UnsupportedOptionException("the " + (torchScript ? "TorchScript" : "safetensors") + " engine of "
                    + "'hf' (chosen because " + folder + (torchScript ? " holds a TorchScript export" : " holds no .pt file")
                    + ")", wrong, supported);
        }
        return torchScript ? openTorchScript(spec, folder) : openSafetensors(spec, folder);
    }

    private static Embedder openTorchScript(EmbedderSpec spec, Path folder) {
        HfEmbedder.Builder b = HfEmbedder.builder().folder(folder).modelId(spec.model()).key(spec.key())
                .batchSize(spec.intOption("batch_size", 32));
        spec.option("pooling").ifPresent(p -> b.pooling(TokenPooling.parse(p)));
        spec.option("normalize").ifPresent(v -> b.normalize(spec.booleanOption("normalize", true)));
        spec.option("max_length").ifPresent(v -> b.maxLength(spec.intOption("max_length", 0)));
        spec.option("token_type_ids").ifPresent(v -> b.tokenTypes(spec.booleanOption("token_type_ids", true)));
        spec.option("device").ifPresent(b::device);
        spec.option("torchscript_file").ifPresent(b::torchScriptFile);
        return b.build();
    }

    private static Embedder openSafetensors(EmbedderSpec spec, Path folder) {
        TransformerEmbedder.Builder b = TransformerEmbedder.builder().folder(folder).modelId(spec.model()).key(spec.key())
                .batchSize(spec.intOption("batch_size", 32))
                .precision(Precision.parse(spec.option("dtype").orElse("float32")))
                .longDocuments(TransformerEmbedder.LongDocuments.parse(spec.option("long_documents").orElse("truncate")));
        spec.option("pooling").ifPresent(p -> b.pooling(TokenPooling.parse(p)));
        spec.option("normalize").ifPresent(v -> b.normalize(spec.booleanOption("normalize", true)));
        spec.option("max_length").ifPresent(v -> b.maxLength(spec.intOption("max_length", 0)));
        spec.option("device").ifPresent(b::device);
        spec.option("prompt").ifPresent(b::prompt);
        spec.option("prompt_name").ifPresent(b::promptName);
        spec.option("truncate_dim").ifPresent(v -> b.truncateDim(spec.intOption("truncate_dim", 0)));
        spec.option("chunk_overlap").ifPresent(v -> b.chunkOverlap(spec.intOption("chunk_overlap", 0)));
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
        throw new BackendInitializationException("Hugging Face model '" + model + "' not found: "
                + (pathLike ? "no such folder" : "not a folder, and not in the Hugging Face cache (looked for "
                + cache.repoFolder(model) + ")") + ". Give a folder with config.json, model.safetensors and tokenizer.json "
                + "(what save_pretrained writes, or a sentence-transformers folder; huggingface-cli download " + model
                + " puts it in the cache), or a TorchScript export (*.pt), or set HF_HOME / HF_HUB_CACHE to the cache "
                + "that holds it");
    }
}
