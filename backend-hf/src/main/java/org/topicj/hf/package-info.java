/**
 * Hugging Face transformers on DJL's PyTorch engine (provider {@code hf}).
 */
package org.topicj.hf;
