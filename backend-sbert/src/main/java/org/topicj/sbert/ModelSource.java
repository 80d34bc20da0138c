package org.topicj.sbert;

import org.topicj.spi.support.SentenceTransformerModules;

/**
 * Everything needed to run one sentence-transformers model: the ONNX graph, the tokenizer and
 * the post-processing configuration, and where they were found (for messages).
 *
 * @param modelId the model's id or folder
 * @param graph the ONNX graph
 * @param tokenizer the Hugging Face {@code tokenizer.json}
 * @param config pooling, Dense, normalisation, input length
 * @param origin where it was found, e.g. "bundled in dev.langchain4j:..." or "folder /models/x"
 */
record ModelSource(String modelId, ModelBlob graph, ModelBlob tokenizer, SentenceTransformerModules config, String origin) {
}
