/**
 * Benchmarks run side by side with the Python peers; not part of the published API.
 */
package org.topicj.benchmarks;
