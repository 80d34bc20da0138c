package org.topicj.topics;

import java.util.ArrayList;
import java.util.List;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.VectorMath;

/**
 * BERTopic's MaximalMarginalRelevance representation: picks words that are similar to the topic
 * (the embedding of its candidate words joined) but not to the words already picked, trading the
 * two by {@code diversity} (0 = most relevant, 1 = most diverse). Words keep their c-TF-IDF scores.
 *
 * @param diversity in [0, 1] (default 0.1)
 * @param topNWords words to keep (default 10)
 */
public record MaximalMarginalRelevance(double diversity, int topNWords) implements Representation {

    /** BERTopic's defaults: diversity 0.1, 10 words. */
    public MaximalMarginalRelevance() {
        this(0.1, 10);
    }

    /** Checks the options. */
    public MaximalMarginalRelevance {
        if (!(diversity >= 0 && diversity <= 1) || topNWords < 1) {
            throw new IllegalArgumentException("diversity must be in [0, 1] and topNWords >= 1");
        }
    }

    @Override
    public int candidateWords() {
        return Math.max(30, topNWords);
    }

    @Override
    public List<Topic.Word> represent(int topicId, List<Topic.Word> candidates, Context context) {
        List<Topic.Word> real = candidates.stream().filter(w -> !w.word().isEmpty()).toList();
        if (real.size() <= 1) {
            return real;
        }
        List<String> words = real.stream().map(Topic.Word::word).toList();
        DenseMatrix wordEmb = context.embedder().embedWords(words).toDense();
        float[] topic = context.embedder().embedWords(List.of(String.join(" ", words))).toDense().row(0);
        double[] relevance = new double[words.size()];
        for (int w = 0; w < words.size(); w++) {
            relevance[w] = VectorMath.cosine(wordEmb.row(w), topic);
        }
        List<Integer> picked = new ArrayList<>();
        List<Integer> left = new ArrayList<>();
        int first = 0;
        for (int w = 1; w < words.size(); w++) {
            first = relevance[w] > relevance[first] ? w : first;
        }
        picked.add(first);
        for (int w = 0; w < words.size(); w++) {
            if (w != first) {
                left.add(w);
            }
        }
        while (picked.size() < Math.min(topNWords, words.size())) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c : left) {
                double redundancy = Double.NEGATIVE_INFINITY;
                for (int p : picked) {
                    redundancy = Math.max(redundancy, VectorMath.cosine(wordEmb.row(c), wordEmb.row(p)));
                }
                double score = (1 - diversity) * relevance[c] - diversity * redundancy;
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            picked.add(best);
            left.remove(Integer.valueOf(best));
        }
        // As BERTopic: the chosen words, in their c-TF-IDF order and with their c-TF-IDF scores.
        List<Topic.Word> out = new ArrayList<>();
        for (int w = 0; w < real.size(); w++) {
            if (picked.contains(w)) {
                out.add(real.get(w));
            }
        }
        return out;
    }
}
