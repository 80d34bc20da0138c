/**
 * OpenAI and OpenAI-compatible embedding servers (provider {@code openai}) on the shared remote engine.
 */
package org.topicj.openai;
