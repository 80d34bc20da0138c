/**
 * Helpers for backend authors, shared so that every backend follows the same rules: reading
 * safetensors files and sentence-transformers module folders, token pooling and length-sorted
 * batches, the Hugging Face cache and model-folder builders, and DJL's offline switch. Not needed by
 * applications; stable for backends within a minor version.
 */
package org.topicj.spi.support;
