package org.topicj.topics;

/**
 * One training document with its topic (BERTopic's get_document_info row).
 *
 * @param document the text
 * @param topic topic id, -1 for an outlier
 * @param name the topic's name
 * @param probability how strongly it belongs to the topic
 */
public record DocumentInfo(String document, int topic, String name, double probability) {
}
