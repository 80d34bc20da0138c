/**
 * The engine shared by remote embedding backends: batching, pacing, retries with backoff, bounded
 * concurrency, an on-disk cache and partial results ({@link org.topicj.spi.support.remote.RemoteEmbedder}).
 */
package org.topicj.spi.support.remote;
