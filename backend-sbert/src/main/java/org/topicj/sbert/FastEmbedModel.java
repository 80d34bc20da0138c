package org.topicj.sbert;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.topicj.spi.support.TokenPooling;

/**
 * The text models FastEmbed names, as its {@code supported_models} lists them (qdrant/fastembed,
 * {@code fastembed/text/onnx_embedding.py}: first token, then normalised;
 * {@code pooled_embedding.py}: attention-masked mean, not normalised;
 * {@code pooled_normalized_embedding.py}: mean, then normalised), with the Hugging Face repository
 * FastEmbed downloads each from and the ONNX file inside it. Multimodal (CLIP) and task-specific
 * models are left out: they are not sentence embedders of this kind.
 *
 * @param id the name FastEmbed knows the model by (matched case-insensitively, as FastEmbed does)
 * @param dimension the vector size
 * @param hfSource the Hugging Face repository of the ONNX export
 * @param modelFile the ONNX graph inside the repository
 * @param pooling {@link TokenPooling#CLS} or {@link TokenPooling#MEAN}
 * @param normalize whether FastEmbed normalises the pooled vector
 * @param legacyFolder the folder name of FastEmbed's older tar downloads ({@code fast-NAME}), or null
 */
record FastEmbedModel(String id, int dimension, String hfSource, String modelFile, TokenPooling pooling, boolean normalize,
                      String legacyFolder) {

    private static FastEmbedModel cls(String id, int dim, String hf, String file, String legacy) {
        return new FastEmbedModel(id, dim, hf, file, TokenPooling.CLS, true, legacy);
    }

    private static FastEmbedModel mean(String id, int dim, String hf, String file, boolean normalize, String legacy) {
        return new FastEmbedModel(id, dim, hf, file, TokenPooling.MEAN, normalize, legacy);
    }

    /** FastEmbed's list (qdrant/fastembed at c48247f, August 2026). */
    static final List<FastEmbedModel> ALL = List.of(
            cls("BAAI/bge-base-en", 768, "Qdrant/fast-bge-base-en", "model_optimized.onnx", "fast-bge-base-en"),
            cls("BAAI/bge-base-en-v1.5", 768, "qdrant/bge-base-en-v1.5-onnx-q", "model_optimized.onnx", "fast-bge-base-en-v1.5"),
            cls("BAAI/bge-large-en-v1.5", 1024, "qdrant/bge-large-en-v1.5-onnx", "model.onnx", null),
            cls("BAAI/bge-small-en", 384, "Qdrant/bge-small-en", "model_optimized.onnx", "fast-bge-small-en"),
            cls("BAAI/bge-small-en-v1.5", 384, "qdrant/bge-small-en-v1.5-onnx-q", "model_optimized.onnx", null),
            cls("BAAI/bge-small-zh-v1.5", 512, "Qdrant/bge-small-zh-v1.5", "model_optimized.onnx", "fast-bge-small-zh-v1.5"),
            cls("mixedbread-ai/mxbai-embed-large-v1", 1024, "mixedbread-ai/mxbai-embed-large-v1", "onnx/model.onnx", null),
            cls("snowflake/snowflake-arctic-embed-xs", 384, "snowflake/snowflake-arctic-embed-xs", "onnx/model.onnx", null),
            cls("snowflake/snowflake-arctic-embed-s", 384, "snowflake/snowflake-arctic-embed-s", "onnx/model.onnx", null),
            cls("snowflake/snowflake-arctic-embed-m", 768, "Snowflake/snowflake-arctic-embed-m", "onnx/model.onnx", null),
            cls("snowflake/snowflake-arctic-embed-m-long", 768, "snowflake/snowflake-arctic-embed-m-long", "onnx/model.onnx", null),
            cls("snowflake/snowflake-arctic-embed-l", 1024, "snowflake/snowflake-arctic-embed-l", "onnx/model.onnx", null),
            mean("nomic-ai/nomic-embed-text-v1.5", 768, "nomic-ai/nomic-embed-text-v1.5", "onnx/model.onnx", false, null),
            mean("nomic-ai/nomic-embed-text-v1.5-Q", 768, "nomic-ai/nomic-embed-text-v1.5", "onnx/model_quantized.onnx", false, null),
            mean("nomic-ai/nomic-embed-text-v1", 768, "nomic-ai/nomic-embed-text-v1", "onnx/model.onnx", false, null),
            mean("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2", 384,
                    "qdrant/paraphrase-multilingual-MiniLM-L12-v2-onnx-Q", "model_optimized.onnx", false, null),
            mean("sentence-transformers/paraphrase-multilingual-mpnet-base-v2", 768,
                    "xenova/paraphrase-multilingual-mpnet-base-v2", "onnx/model.onnx", false, null),
            mean("intfloat/multilingual-e5-large", 1024, "qdrant/multilingual-e5-large-onnx", "model.onnx", false,
                    "fast-multilingual-e5-large"),
            mean("sentence-transformers/all-MiniLM-L6-v2", 384, "qdrant/all-MiniLM-L6-v2-onnx", "model.onnx", true,
                    "fast-all-MiniLM-L6-v2"),
            mean("jinaai/jina-embeddings-v2-base-en", 768, "xenova/jina-embeddings-v2-base-en", "onnx/model.onnx", true, null),
            mean("jinaai/jina-embeddings-v2-small-en", 512, "xenova/jina-embeddings-v2-small-en", "onnx/model.onnx", true, null),
            mean("jinaai/jina-embeddings-v2-base-de", 768, "jinaai/jina-embeddings-v2-base-de", "onnx/model.onnx", true, null),
            mean("jinaai/jina-embeddings-v2-base-code", 768, "jinaai/jina-embeddings-v2-base-code", "onnx/model.onnx", true, null),
            mean("jinaai/jina-embeddings-v2-base-zh", 768, "jinaai/jina-embeddings-v2-base-zh", "onnx/model.onnx", true, null),
            mean("jinaai/jina-embeddings-v2-base-es", 768, "jinaai/jina-embeddings-v2-base-es", "onnx/model.onnx", true, null),
            mean("thenlper/gte-base", 768, "thenlper/gte-base", "onnx/model.onnx", true, null),
            mean("thenlper/gte-large", 1024, "qdrant/gte-large-onnx", "model.onnx", true, null));

    /** @param name a FastEmbed model name, any case @return its description, if FastEmbed names it */
    static Optional<FastEmbedModel> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(m -> m.id.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
