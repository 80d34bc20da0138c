/**
 * Cohere's embedding API (provider {@code cohere}) on the shared remote engine.
 */
package org.topicj.cohere;
