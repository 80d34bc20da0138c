package org.topicj.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.topicj.TopicJException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.VectorMath;

/**
 * BERTopic's {@code reduce_outliers}: every outlier document gets a score for every topic by one
 * strategy and moves to its best topic if the score reaches the threshold.
 */
final class OutlierReduction {
    private OutlierReduction() {
    }

    static int[] reduce(TopicModelData data, List<String> documents, Matrix embeddings, TopicModel.OutlierStrategy strategy,
                        double threshold) {
        Objects.requireNonNull(strategy, "strategy");
        int[] out = data.documentTopics().clone();
        List<Integer> outliers = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) {
                outliers.add(i);
            }
        }
        if (outliers.isEmpty()) {
            return out;
        }
        Scores scores = switch (strategy) {
            case PROBABILITIES -> probabilities(data);
            case C_TF_IDF -> ctfidf(data, documents, outliers);
            case EMBEDDINGS -> embeddings(data, embeddings);
        };
        for (int i : outliers) {
            pick(out, i, scores.of(i), threshold);
        }
        return out;
    }

    /** A score for each topic 0..k-1 of one outlier document. */
    private interface Scores {
        float[] of(int document);
    }

    private static Scores probabilities(TopicModelData data) {
        DenseMatrix p = data.membership();
        if (p == null) {
            throw new TopicJException("the probabilities strategy needs the soft membership: fit with "
                    + "calculateProbabilities(true) (saved models keep it)");
        }
        return p::row;
    }

    private static Scores ctfidf(TopicModelData data, List<String> documents, List<Integer> outliers) {
        TopicWords words = data.words();
        ClassTfidf.WeightedRows w = words.weigh(outliers.stream().map(documents::get).toList());
        int[] position = new int[documents.size()];
        for (int o = 0; o < outliers.size(); o++) {
            position[outliers.get(o)] = o;
        }
        int k = topicCount(words);
        int[] ids = words.topicIdArray();
        return i -> {
            int o = position[i];
            float[] s = new float[k];
            for (int r = 0; r < ids.length; r++) {
                if (ids[r] >= 0) {
                    s[ids[r]] = (float) words.similarity(w, o, r);
                }
            }
            return s;
        };
    }

    private static Scores embeddings(TopicModelData data, Matrix embeddings) {
        Objects.requireNonNull(embeddings, "the embeddings strategy needs the documents' embeddings");
        DenseMatrix te = data.topicEmbeddings();
        if (te == null) {
            throw new TopicJException("this model has no topic embeddings");
        }
        DenseMatrix e = embeddings.toDense();
        int[] ids = data.words().topicIdArray();
        int k = topicCount(data.words());
        return i -> {
            float[] s = new float[k];
            for (int r = 0; r < ids.length; r++) {
                if (ids[r] >= 0) {
                    s[ids[r]] = (float) VectorMath.cosine(e.row(i), te.row(r));
                }
            }
            return s;
        };
    }

    private static int topicCount(TopicWords words) {
        return words.size() - (words.hasOutlierTopic() ? 1 : 0);
    }

    private static void pick(int[] out, int i, float[] scores, double threshold) {
        int best = -1;
        double bestScore = -1;
        for (int t = 0; t < scores.length; t++) {
            if (scores[t] > bestScore) {
                bestScore = scores[t];
                best = t;
            }
        }
        if (best >= 0 && bestScore >= threshold && bestScore > 0) {
            out[i] = best;
        }
    }
}
