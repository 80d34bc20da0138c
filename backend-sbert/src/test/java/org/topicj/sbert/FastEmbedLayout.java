package org.topicj.sbert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Lays out a FastEmbed cache as FastEmbed's download does (Hugging Face layout
 * {@code models--ORG--NAME/refs/main} + {@code snapshots/REV/}, or the older {@code fast-NAME/}),
 * holding the bundled all-MiniLM-L6-v2 ONNX graph and tokenizer under whichever file name the
 * model's FastEmbed description uses.
 */
final class FastEmbedLayout {
    static final String REVISION = "5f1b8cd78bc4fb444dd171e59b18f3a3af89a079";

    private FastEmbedLayout() {
    }

    /** @return the snapshot folder written under {@code cache} for {@code repo} */
    static Path hubSnapshot(Path cache, String repo, String modelFile) {
        Path repoFolder = cache.resolve("models--" + repo.replace("/", "--"));
        Path snapshot = repoFolder.resolve("snapshots").resolve(REVISION);
        try {
            Files.createDirectories(repoFolder.resolve("refs"));
            Files.writeString(repoFolder.resolve("refs/main"), REVISION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modelFolder(snapshot, modelFile);
    }

    /** @return {@code folder}, holding the MiniLM graph as {@code modelFile}, its tokenizer and configs */
    static Path modelFolder(Path folder, String modelFile) {
        try {
            Files.createDirectories(folder.resolve(modelFile).getParent());
            copy("all-minilm-l6-v2.onnx", folder.resolve(modelFile));
            copy("all-minilm-l6-v2-tokenizer.json", folder.resolve("tokenizer.json"));
            Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"bert\", \"hidden_size\": 384, \"pad_token_id\": 0}");
            Files.writeString(folder.resolve("tokenizer_config.json"),
                    "{\"do_lower_case\": true, \"model_max_length\": 512, \"pad_token\": \"[PAD]\", \"cls_token\": \"[CLS]\"}");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = FastEmbedLayout.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("class-path resource " + resource + " missing (langchain4j all-MiniLM-L6-v2 jar)");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
