/**
 * Shared worker threads for TopicJ's parallel algorithms. Not API: for TopicJ's own packages.
 */
package org.topicj.concurrent;
