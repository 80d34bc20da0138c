package org.topicj.topics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.VectorMath;
import org.topicj.progress.ProgressListener;

/**
 * BERTopic's guided topic modelling ({@code seed_topic_list}): each seed topic (a list of words) is
 * embedded as its words joined by spaces; every document goes to its most similar seed topic, or to
 * none (-1) if the mean of all document embeddings is more similar still; a document that went to a
 * seed topic is moved a quarter of the way towards it ({@code 0.75 e + 0.25 s}); those labels steer
 * the reduction when it uses labels (UMAP); and the seed words get a 1.2 idf multiplier in c-TF-IDF
 * ({@link ClassTfidf#seedTopicWords()}).
 *
 * <p>Where BERTopic 0.17.4 differs: without an embedding model it skips the guidance silently (the
 * multiplier still applies) and the seed labels overwrite any labels the caller gave; it also changes
 * the caller's embedding array. TopicJ needs the embedder (and says so), refuses seed topics together
 * with partial labels, and works on a copy.
 */
final class GuidedTopics {
    private GuidedTopics() {
    }

    /**
     * What guidance gives.
     *
     * @param embeddings the documents' embeddings, moved towards their seed topics
     * @param labels each document's seed topic, -1 for none
     */
    record Guidance(DenseMatrix embeddings, int[] labels) {
    }

    static void check(List<List<String>> seedTopics) {
        Objects.requireNonNull(seedTopics, "seedTopics");
        if (seedTopics.isEmpty()) {
            throw new IllegalArgumentException("no seed topics; give at least one list of words");
        }
        for (int t = 0; t < seedTopics.size(); t++) {
            List<String> words = seedTopics.get(t);
            if (words == null || words.isEmpty() || words.stream().anyMatch(w -> w == null || w.isBlank())) {
                throw new IllegalArgumentException("seed topic " + t + " must be a non-empty list of words, got " + words);
            }
        }
    }

    /** @return every word of every seed topic, in order */
    static Set<String> words(List<List<String>> seedTopics) {
        Set<String> out = new LinkedHashSet<>();
        seedTopics.forEach(out::addAll);
        return out;
    }

    static Guidance guide(DenseMatrix embeddings, List<List<String>> seedTopics, Embedder embedder) {
        List<String> texts = new ArrayList<>();
        seedTopics.forEach(words -> texts.add(String.join(" ", words)));
        DenseMatrix seeds = embedder.embedDocuments(texts, ProgressListener.NONE).toDense();
        if (seeds.cols() != embeddings.cols()) {
            throw new IllegalArgumentException("the seed topics' embeddings have " + seeds.cols() + " columns but the documents' "
                    + embeddings.cols() + "; guide with the embedder that embedded the documents");
        }
        int n = embeddings.rows();
        int d = embeddings.cols();
        float[] mean = new float[d];
        double[] sum = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                sum[j] += embeddings.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (sum[j] / n);
        }
        int[] labels = new int[n];
        float[] out = embeddings.rawData().clone();
        for (int i = 0; i < n; i++) {
            float[] e = embeddings.row(i);
            int best = 0;
            double bestSim = Double.NEGATIVE_INFINITY;
            for (int s = 0; s <= seeds.rows(); s++) {
                double sim = VectorMath.cosine(e, s < seeds.rows() ? seeds.row(s) : mean);
                if (sim > bestSim) {
                    bestSim = sim;
                    best = s;
                }
            }
            labels[i] = best == seeds.rows() ? -1 : best;
            if (labels[i] >= 0) {
                for (int j = 0; j < d; j++) {
                    // float32 times 0.75, as numpy computes it on float32 embeddings
                    out[i * d + j] = (float) ((double) (e[j] * 0.75f) + seeds.get(best, j) * 0.25);
                }
            }
        }
        return new Guidance(DenseMatrix.wrap(n, d, out), labels);
    }
}
