package org.topicj.topics;

/**
 * The topic of one document.
 *
 * @param topic topic id, -1 for an outlier
 * @param probability how strongly the document belongs to it, in [0, 1]
 */
public record Assignment(int topic, double probability) {
}
