package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.topicj.matrix.SparseMatrix;
import org.topicj.text.Vocabulary;

/**
 * The words of a set of topics: the vocabulary, the idf of every term, and each topic's class-based
 * TF-IDF weights (one row per topic, in increasing topic id, the outlier topic -1 first if present).
 * One immutable value shared by the batch model, the online model and every reduction.
 *
 * <p>Thread-safety: immutable.
 */
public final class TopicWords {
    private final Vocabulary vocabulary;
    private final double[] idf;
    private final ClassTfidf ctfidf;
    private final boolean english;
    private final int[] topicIds;
    private final ClassTfidf.WeightedRows weights;

    TopicWords(Vocabulary vocabulary, double[] idf, ClassTfidf ctfidf, boolean english, int[] topicIds,
               ClassTfidf.WeightedRows weights) {
        this.vocabulary = Objects.requireNonNull(vocabulary);
        this.idf = idf;
        this.ctfidf = ctfidf;
        this.english = english;
        this.topicIds = topicIds;
        this.weights = weights;
        if (idf.length != vocabulary.size() || weights.rows() != topicIds.length || weights.cols() != vocabulary.size()) {
            throw new IllegalArgumentException("topic words do not fit together: " + vocabulary.size() + " terms, " + idf.length
                    + " idf values, " + topicIds.length + " topics, " + weights.rows() + " x " + weights.cols() + " weights");
        }
    }

    /**
     * Learns the words of topics from their documents: each topic's documents, cleaned, form one
     * class document; the vectorizer is fitted on those and the counts weighted by c-TF-IDF.
     *
     * @param docs the documents
     * @param docTopics each document's topic id
     * @param topicIds the distinct topic ids, increasing
     * @param settings the vectorizer, weighting and clean-up
     * @return the words
     */
    static TopicWords fit(List<String> docs, int[] docTopics, int[] topicIds, TopicSettings settings) {
        // One pass over the documents, however many topics there are.
        StringBuilder[] joined = new StringBuilder[topicIds.length];
        for (int r = 0; r < joined.length; r++) {
            joined[r] = new StringBuilder();
        }
        for (int i = 0; i < docs.size(); i++) {
            StringBuilder sb = joined[Arrays.binarySearch(topicIds, docTopics[i])];
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(docs.get(i));
        }
        List<String> classDocs = new ArrayList<>(joined.length);
        for (StringBuilder sb : joined) {
            classDocs.add(Preprocessing.clean(sb.toString(), settings.englishPreprocessing()));
        }
        return fromClassDocuments(classDocs, topicIds, settings);
    }

    /**
     * @param classDocs one cleaned document per topic
     * @param topicIds the topics, in row order
     * @param settings the vectorizer and weighting
     * @return the words
     */
    static TopicWords fromClassDocuments(List<String> classDocs, int[] topicIds, TopicSettings settings) {
        Vocabulary vocabulary = settings.vectorizer().fit(classDocs);
        SparseMatrix counts = vocabulary.transform(classDocs);
        return fromCounts(vocabulary, counts, topicIds, settings.ctfidf(), settings.englishPreprocessing());
    }

    /**
     * @param vocabulary the terms
     * @param counts topics x terms counts
     * @param topicIds the topics, in row order
     * @param ctfidf the weighting
     * @param english the clean-up applied to documents that are weighed against these topics
     * @return the words
     */
    static TopicWords fromCounts(Vocabulary vocabulary, SparseMatrix counts, int[] topicIds, ClassTfidf ctfidf, boolean english) {
        double[] idf = ctfidf.idf(counts, vocabulary.terms());
        return new TopicWords(vocabulary, idf, ctfidf, english, topicIds.clone(), ctfidf.weigh(counts, idf));
    }

    /**
     * @param ids the topics of the rows
     * @param rows other weights over the same vocabulary (a bin's, a class's, a merged node's)
     * @return these words' vocabulary, idf and weighting with those rows
     */
    TopicWords withRows(int[] ids, ClassTfidf.WeightedRows rows) {
        return new TopicWords(vocabulary, idf, ctfidf, english, ids, rows);
    }

    /**
     * Counts the terms of class documents as the fit does (English clean-up, the fitted vocabulary).
     *
     * @param classDocs one document per class (a topic's documents joined)
     * @return their term counts, one row each
     */
    SparseMatrix counts(List<String> classDocs) {
        return vocabulary.transform(Preprocessing.clean(classDocs, english));
    }

    /**
     * Weighs documents exactly as given, without the English clean-up (as BERTopic's
     * {@code approximate_distribution} does: it runs the vectorizer on the raw token windows).
     *
     * @param docs the documents
     * @return one row per document
     */
    ClassTfidf.WeightedRows weighUncleaned(List<String> docs) {
        return ctfidf.weigh(vocabulary.transform(docs), idf);
    }

    /** @return the vocabulary (with the vectorizer that made it) */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** @return the idf of each term, in vocabulary order (a copy) */
    public double[] idf() {
        return idf.clone();
    }

    double[] idfArray() {
        return idf;
    }

    /** @return the weighting */
    public ClassTfidf ctfidf() {
        return ctfidf;
    }

    /** @return whether documents get BERTopic's English clean-up before they are weighed */
    public boolean english() {
        return english;
    }

    /** @return the topic ids in row order (a copy) */
    public int[] topicIds() {
        return topicIds.clone();
    }

    int[] topicIdArray() {
        return topicIds;
    }

    /** @return the weights, one row per topic */
    public ClassTfidf.WeightedRows weights() {
        return weights;
    }

    /** @return the number of topics, the outlier topic included */
    public int size() {
        return topicIds.length;
    }

    /**
     * @param topicId a topic id
     * @return its row, or a negative number if there is none
     */
    public int row(int topicId) {
        return Arrays.binarySearch(topicIds, topicId);
    }

    /** @return whether the first row is the outlier topic -1 */
    public boolean hasOutlierTopic() {
        return topicIds.length > 0 && topicIds[0] == -1;
    }

    /**
     * A topic's {@code n} best words by c-TF-IDF, ties by vocabulary order, padded with ("", 0.00001)
     * when it has fewer, as BERTopic pads.
     *
     * @param row the topic's row
     * @param n how many
     * @return the words, best first
     */
    public List<Topic.Word> topWords(int row, int n) {
        List<Integer> entries = new ArrayList<>();
        for (int k = weights.indptr()[row]; k < weights.indptr()[row + 1]; k++) {
            if (weights.values()[k] > 0) {
                entries.add(k);
            }
        }
        entries.sort(Comparator.comparingDouble((Integer k) -> -weights.values()[k]).thenComparingInt(k -> weights.indices()[k]));
        List<String> terms = vocabulary.terms();
        List<Topic.Word> words = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (i < entries.size()) {
                int k = entries.get(i);
                words.add(new Topic.Word(terms.get(weights.indices()[k]), weights.values()[k]));
            } else {
                words.add(new Topic.Word("", 0.00001));
            }
        }
        return words;
    }

    /**
     * Weighs documents against these topics' vocabulary and idf (each document as its own class).
     *
     * @param docs the documents, uncleaned
     * @return one row per document
     */
    public ClassTfidf.WeightedRows weigh(List<String> docs) {
        return ctfidf.weigh(counts(docs), idf);
    }

    /**
     * @param docs rows from {@link #weigh}
     * @param doc a row of {@code docs}
     * @param row a topic row
     * @return their cosine similarity
     */
    public double similarity(ClassTfidf.WeightedRows docs, int doc, int row) {
        return docs.cosine(doc, weights, row);
    }
}
