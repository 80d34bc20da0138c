/**
 * Internal helpers shared by TopicJ's own packages. Not API: not exported, and may change in any
 * release.
 */
package org.topicj.internal;
