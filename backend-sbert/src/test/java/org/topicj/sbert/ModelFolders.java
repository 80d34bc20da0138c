package org.topicj.sbert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Builds sentence-transformers model folders for tests from the bundled all-MiniLM-L6-v2 files. */
final class ModelFolders {
    private ModelFolders() {
    }

    static void copyResource(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = ModelFolders.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " missing from the test class path");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A folder like sentence-transformers' save(): graph (at {@code graphPath}), tokenizer, modules.json,
     * 1_Pooling/config.json with the given modes, sentence_bert_config.json, and 2_Normalize if asked.
     */
    static Path build(Path dir, String graphPath, boolean normalize, String... poolingModes) throws IOException {
        Files.createDirectories(dir);
        copyResource("all-minilm-l6-v2.onnx", dir.resolve(graphPath));
        copyResource("all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
        StringBuilder pooling = new StringBuilder("{\"word_embedding_dimension\": 384");
        for (String mode : new String[] {"cls_token", "mean_tokens", "max_tokens", "mean_sqrt_len_tokens"}) {
            boolean on = java.util.Arrays.asList(poolingModes).contains(mode);
            pooling.append(", \"pooling_mode_").append(mode).append("\": ").append(on);
        }
        pooling.append(", \"pooling_mode_weightedmean_tokens\": false, \"pooling_mode_lasttoken\": false}");
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), pooling.toString());
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 256, \"do_lower_case\": false}");
        String modules = "[{\"idx\": 0, \"name\": \"0\", \"path\": \"\", \"type\": \"sentence_transformers.models.Transformer\"},"
                + " {\"idx\": 1, \"name\": \"1\", \"path\": \"1_Pooling\", \"type\": \"sentence_transformers.models.Pooling\"}"
                + (normalize ? ", {\"idx\": 2, \"name\": \"2\", \"path\": \"2_Normalize\", \"type\": \"sentence_transformers.models.Normalize\"}" : "")
                + "]";
        Files.writeString(dir.resolve("modules.json"), modules);
        if (normalize) {
            Files.createDirectories(dir.resolve("2_Normalize"));
        }
        return dir;
    }
}
