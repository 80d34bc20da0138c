package org.topicj.model2vec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.topicj.embed.BackendInitializationException;

/**
 * Where a model's files are: the layouts model2vec's {@code load_pretrained} tries, in its order
 * (model2vec/persistence/datamodels.py).
 *
 * @param config the config file
 * @param embeddings the safetensors file
 * @param tokenizer the tokenizer.json
 * @param embeddingName the tensor holding the vectors
 */
record Layout(Path config, Path embeddings, Path tokenizer, String embeddingName) {

    static Layout find(Path folder) {
        List<Layout> layouts = List.of(
                new Layout(folder.resolve("config.json"), folder.resolve("model.safetensors"), folder.resolve("tokenizer.json"), "embeddings"),
                new Layout(folder.resolve("config_sentence_transformers.json"), folder.resolve("model.safetensors"),
                        folder.resolve("tokenizer.json"), "embedding.weight"),
                new Layout(folder.resolve("config_sentence_transformers.json"), folder.resolve("0_StaticEmbedding/model.safetensors"),
                        folder.resolve("0_StaticEmbedding/tokenizer.json"), "embedding.weight"));
        for (Layout l : layouts) {
            if (Files.isRegularFile(l.config) && Files.isRegularFile(l.embeddings) && Files.isRegularFile(l.tokenizer)) {
                return l;
            }
        }
        throw new BackendInitializationException(folder + " is not a Model2Vec model: expected config.json, model.safetensors "
                + "and tokenizer.json (or a sentence-transformers StaticEmbedding: config_sentence_transformers.json with "
                + "model.safetensors and tokenizer.json, at the root or in 0_StaticEmbedding/)");
    }
}
