package org.topicj.topics;

import java.util.List;
import java.util.Objects;
import org.topicj.matrix.DenseMatrix;

/**
 * Everything a fitted topic model knows, as one immutable value: how its topics are described, their
 * words, the topics themselves, each training document's topic and probability, the soft membership
 * and topic embeddings when known, how new documents are assigned, the embedder's key and where the
 * model came from. Built by the trainer, by reductions and by the model format; the model answers
 * from it.
 */
record TopicModelData(TopicSettings settings, TopicWords words, List<Topic> topics, int[] documentTopics,
                      double[] documentProbabilities, DenseMatrix membership, DenseMatrix topicEmbeddings, TopicRoute route,
                      EmbedderRef embedderRef, String statefulSpec, Provenance provenance) {

    TopicModelData {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(words, "words");
        topics = List.copyOf(topics);
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(provenance, "provenance");
        if (topics.size() != words.size()) {
            throw new IllegalArgumentException(topics.size() + " topics but " + words.size() + " rows of topic words");
        }
        if (documentTopics.length != documentProbabilities.length) {
            throw new IllegalArgumentException(documentTopics.length + " document topics but " + documentProbabilities.length
                    + " probabilities");
        }
        if (topicEmbeddings != null && topicEmbeddings.rows() != topics.size()) {
            throw new IllegalArgumentException(topicEmbeddings.rows() + " topic embeddings for " + topics.size() + " topics");
        }
        if (route instanceof TopicRoute.Embeddings && topicEmbeddings == null) {
            throw new IllegalArgumentException("assigning by topic embeddings needs topic embeddings");
        }
        if (membership != null && membership.rows() != documentTopics.length) {
            throw new IllegalArgumentException(membership.rows() + " membership rows for " + documentTopics.length + " documents");
        }
    }

    /** @param newTopics the same topics, changed (images added) @return a copy with them */
    TopicModelData withTopics(List<Topic> newTopics) {
        return new TopicModelData(settings, words, newTopics, documentTopics, documentProbabilities, membership, topicEmbeddings,
                route, embedderRef, statefulSpec, provenance);
    }
}
