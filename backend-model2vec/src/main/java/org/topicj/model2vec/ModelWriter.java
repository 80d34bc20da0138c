package org.topicj.model2vec;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.topicj.spi.support.SafeTensors;

/**
 * Writes a {@link StaticModel} in model2vec's folder layout (model2vec/persistence/persistence.py
 * {@code save_pretrained}): {@code model.safetensors} (tensor {@code embeddings}, plus {@code weights}
 * when the model has them), {@code tokenizer.json}, {@code config.json} (the model's config with
 * {@code embedding_dtype}), {@code modules.json} for sentence-transformers (StaticEmbedding, and
 * Normalize when {@code normalize}) and a short {@code README.md} model card. The folder is
 * written next to the target and moved into place, so a failure leaves nothing half-written.
 *
 * <p>Thread-safety: stateless.
 */
final class ModelWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelWriter() {
    }

    static void write(StaticModel model, Path folder) {
        if (model.mappingOrNull() != null) {
            throw new UnsupportedOperationException("saving a vocabulary-quantised model (with a token mapping) is not supported");
        }
        Path target = folder.toAbsolutePath().normalize();
        checkEmpty(target);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + System.nanoTime());
        try {
            Files.createDirectories(tmp);
            SafeTensors.DType dtype = "float32".equals(model.config().path("embedding_dtype").asText("float16"))
                    ? SafeTensors.DType.F32 : SafeTensors.DType.F16;
            Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
            tensors.put("embeddings", new SafeTensors.Tensor(new long[] {model.rows(), model.dimension()}, model.embeddings()));
            if (model.weightsOrNull() != null) {
                tensors.put("weights", new SafeTensors.Tensor(new long[] {model.weightsOrNull().length}, model.weightsOrNull()));
            }
            SafeTensors.write(tmp.resolve("model.safetensors"), tensors, Map.of(), dtype);
            Files.writeString(tmp.resolve("tokenizer.json"), JSON.writeValueAsString(JSON.readTree(model.tokenizerJson())));
            ObjectNode config = model.config();
            config.put("normalize", model.normalize());
            config.put("embedding_dtype", dtype == SafeTensors.DType.F16 ? "float16" : "float32");
            Files.writeString(tmp.resolve("config.json"), pretty(config));
            Files.writeString(tmp.resolve("modules.json"), pretty(modules(model.normalize())));
            Files.writeString(tmp.resolve("README.md"), card(config), StandardCharsets.UTF_8);
            if (Files.isDirectory(target)) {
                Files.delete(target);
            }
            Files.createDirectories(target.getParent());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write the model to " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void checkEmpty(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + " is a file; give a folder to save the model in");
        }
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isPresent()) {
                throw new IllegalArgumentException(target + " is not empty; give a new folder (TopicJ never overwrites a model)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArrayNode modules(boolean normalize) {
        ArrayNode modules = JSON.createArrayNode();
        modules.addObject().put("idx", 0).put("name", "0").put("path", ".").put("type", "sentence_transformers.models.StaticEmbedding");
        if (normalize) {
            modules.addObject().put("idx", 1).put("name", "1").put("path", "1_Normalize").put("type", "sentence_transformers.models.Normalize");
        }
        return modules;
    }

    /** Python's {@code json.dump(indent=4)} layout. */
    private static String pretty(Object node) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n"))
                .withoutSpacesInObjectEntries();
        return JSON.writer(printer).writeValueAsString(node).replace("\":", "\": ");
    }

    private static String card(ObjectNode config) {
        String base = config.path("tokenizer_name").asText("");
        return "---\n"
                + (base.isEmpty() ? "" : "base_model: " + base + "\n")
                + "library_name: model2vec\nlicense: mit\ntags:\n- embeddings\n- static-embeddings\n- sentence-transformers\n---\n\n"
                + "# Model2Vec static model\n\n"
                + "A static embedding model" + (base.isEmpty() ? "" : " distilled from `" + base + "`")
                + " by TopicJ, in model2vec's format: load it with\n"
                + "`StaticModel.from_pretrained(folder)` (model2vec) or `SentenceTransformer(folder)`.\n";
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort; the original failure is what the caller needs
        }
    }
}
