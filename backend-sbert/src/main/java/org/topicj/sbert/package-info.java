/**
 * sentence-transformers models on ONNX Runtime (provider {@code sbert}, the default backend).
 */
package org.topicj.sbert;
