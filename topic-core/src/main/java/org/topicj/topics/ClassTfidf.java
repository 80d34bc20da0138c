package org.topicj.topics;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.topicj.matrix.SparseMatrix;

/**
 * Class-based TF-IDF (BERTopic's ClassTfidfTransformer): the documents of each topic are one
 * "class document"; term frequencies are L1-normalised per topic and weighted by
 * {@code idf = ln(1 + A / f_t)}, where A is the integer part of the mean number of words per
 * topic and f_t the term's frequency over all topics (the outlier topic included). Options:
 * BM25-style idf {@code ln(1 + (A - f_t + 0.5) / (f_t + 0.5))}, and the square root of the term
 * frequencies to damp very frequent words.
 *
 * <p>Seed words (BERTopic's {@code seed_words} and {@code seed_multiplier}): the idf of each of these
 * exact vocabulary terms is multiplied by {@code seedMultiplier} (default 2), so they rank higher in
 * every topic that has them. The words of guided topic modelling's seed topics
 * ({@link TopicModeler.Builder#seedTopics}) get BERTopic's fixed multiplier 1.2 instead, which wins
 * for a word in both. The multiplied idf is used for everything weighed against the topics.
 *
 * @param bm25Weighting use the BM25-style idf
 * @param reduceFrequentWords take the square root of term frequencies before normalising
 * @param seedWords terms whose idf is multiplied by {@code seedMultiplier} (none by default)
 * @param seedMultiplier the multiplier of seed words, &gt; 0 (default 2)
 * @param seedTopicWords the words of guided seed topics, whose idf is multiplied by 1.2 (set by the modeler)
 */
public record ClassTfidf(boolean bm25Weighting, boolean reduceFrequentWords, Set<String> seedWords, double seedMultiplier,
                         Set<String> seedTopicWords) {

    /** BERTopic's defaults: plain idf, raw frequencies, no seed words. */
    public static final ClassTfidf DEFAULT = new ClassTfidf(false, false);

    /** BERTopic's fixed multiplier for the words of seed topics. */
    public static final double SEED_TOPIC_MULTIPLIER = 1.2;

    /** Copies the sets (sorted, so saved models list them in one order) and checks the multiplier. */
    public ClassTfidf {
        seedWords = seedWords == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(seedWords));
        seedTopicWords = seedTopicWords == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(seedTopicWords));
        if (!(seedMultiplier > 0) || Double.isInfinite(seedMultiplier)) {
            throw new IllegalArgumentException("seed multiplier must be positive and finite, got " + seedMultiplier);
        }
    }

    /**
     * @param bm25Weighting use the BM25-style idf
     * @param reduceFrequentWords take the square root of term frequencies before normalising
     */
    public ClassTfidf(boolean bm25Weighting, boolean reduceFrequentWords) {
        this(bm25Weighting, reduceFrequentWords, Set.of(), 2, Set.of());
    }

    /**
     * @param words terms whose idf is multiplied (exact vocabulary terms)
     * @param multiplier their multiplier, &gt; 0 (BERTopic's default 2)
     * @return this weighting with these seed words
     */
    public ClassTfidf withSeedWords(Collection<String> words, double multiplier) {
        return new ClassTfidf(bm25Weighting, reduceFrequentWords, Set.copyOf(words), multiplier, seedTopicWords);
    }

    /** @param words the words of guided seed topics @return this weighting with them (multiplier 1.2) */
    ClassTfidf withSeedTopicWords(Collection<String> words) {
        return new ClassTfidf(bm25Weighting, reduceFrequentWords, seedWords, seedMultiplier, Set.copyOf(words));
    }

    /**
     * @param counts topics x terms counts
     * @return the idf of each term, without seed multipliers (see {@link #idf(SparseMatrix, List)})
     */
    public double[] idf(SparseMatrix counts) {
        int terms = counts.cols();
        double[] df = new double[terms];
        double total = 0;
        float[] data = counts.rawData();
        int[] indices = counts.rawIndices();
        for (int k = 0; k < data.length; k++) {
            df[indices[k]] += data[k];
            total += data[k];
        }
        double average = Math.floor(total / counts.rows());
        double[] idf = new double[terms];
        for (int t = 0; t < terms; t++) {
            idf[t] = bm25Weighting
                    ? Math.log(1 + (average - df[t] + 0.5) / (df[t] + 0.5))
                    : Math.log(average / df[t] + 1);
        }
        return idf;
    }

    /**
     * The idf with the seed multipliers applied: 1.2 for seed-topic words, else {@code seedMultiplier}
     * for seed words, else 1 (BERTopic's order of precedence).
     *
     * @param counts topics x terms counts
     * @param terms the vocabulary, in column order
     * @return the idf of each term
     */
    public double[] idf(SparseMatrix counts, List<String> terms) {
        double[] idf = idf(counts);
        if (seedWords.isEmpty() && seedTopicWords.isEmpty()) {
            return idf;
        }
        for (int t = 0; t < idf.length; t++) {
            String term = terms.get(t);
            double multiplier = seedTopicWords.contains(term) ? SEED_TOPIC_MULTIPLIER : seedWords.contains(term) ? seedMultiplier : 1;
            idf[t] *= multiplier;
        }
        return idf;
    }

    /**
     * @param counts rows of term counts (topics, or single documents)
     * @param idf from {@link #idf}
     * @return the weighted rows, same sparsity as {@code counts}, values in double precision
     */
    public WeightedRows weigh(SparseMatrix counts, double[] idf) {
        int[] indptr = counts.rawIndptr();
        float[] data = counts.rawData();
        double[] values = new double[data.length];
        for (int r = 0; r < counts.rows(); r++) {
            double sum = 0;
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                values[k] = reduceFrequentWords ? Math.sqrt(data[k]) : data[k];
                sum += Math.abs(values[k]);
            }
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                values[k] = sum > 0 ? values[k] / sum * idf[counts.rawIndices()[k]] : 0;
            }
        }
        return new WeightedRows(counts.rows(), counts.cols(), indptr, counts.rawIndices(), values);
    }

    /**
     * Sparse rows of double weights (CSR).
     *
     * @param rows rows
     * @param cols columns
     * @param indptr row pointers
     * @param indices column of each value
     * @param values the weights
     */
    public record WeightedRows(int rows, int cols, int[] indptr, int[] indices, double[] values) {
        /** @param r row @param c column @return the weight, 0 if not stored */
        public double get(int r, int c) {
            int k = java.util.Arrays.binarySearch(indices, indptr[r], indptr[r + 1], c);
            return k >= 0 ? values[k] : 0;
        }

        /** @param a row of this @param other rows @param b row of other @return cosine similarity of the two rows */
        public double cosine(int a, WeightedRows other, int b) {
            double dot = 0;
            int i = indptr[a];
            int j = other.indptr[b];
            while (i < indptr[a + 1] && j < other.indptr[b + 1]) {
                if (indices[i] == other.indices[j]) {
                    dot += values[i++] * other.values[j++];
                } else if (indices[i] < other.indices[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            double na = norm(a);
            double nb = other.norm(b);
            return na == 0 || nb == 0 ? 0 : dot / (na * nb);
        }

        double norm(int r) {
            double s = 0;
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                s += values[k] * values[k];
            }
            return Math.sqrt(s);
        }
    }
}
