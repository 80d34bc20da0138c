package org.topicj.topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.VectorMath;

/**
 * BERTopic's KeyBERTInspired representation: the topic is embedded as the mean embedding of its
 * most representative documents, its best c-TF-IDF words are embedded one by one, and the words
 * most similar to the topic become its words, scored by cosine similarity.
 *
 * @param topNWords words to keep (default 10)
 * @param representativeDocs documents that make the topic embedding (default 5)
 * @param candidateWords c-TF-IDF words to choose from (default 100)
 */
public record KeyBertInspired(int topNWords, int representativeDocs, int candidateWords) implements Representation {

    /** BERTopic's defaults: 10 words from 100 candidates, topic embedding from 5 documents. */
    public KeyBertInspired() {
        this(10, 5, 100);
    }

    /** Checks the sizes. */
    public KeyBertInspired {
        if (topNWords < 1 || representativeDocs < 1 || candidateWords < topNWords) {
            throw new IllegalArgumentException("need topNWords >= 1, representativeDocs >= 1, candidateWords >= topNWords");
        }
    }

    @Override
    public List<Topic.Word> represent(int topicId, List<Topic.Word> candidates, Context context) {
        List<String> words = candidates.stream().map(Topic.Word::word).filter(w -> !w.isEmpty()).toList();
        List<String> docs = context.representativeDocs(topicId, representativeDocs);
        if (words.isEmpty() || docs.isEmpty()) {
            return candidates.subList(0, Math.min(topNWords, candidates.size()));
        }
        DenseMatrix docEmbeddings = context.embedder().embedDocuments(docs, org.topicj.progress.ProgressListener.NONE).toDense();
        float[] topic = new float[docEmbeddings.cols()];
        for (int i = 0; i < docEmbeddings.rows(); i++) {
            for (int j = 0; j < topic.length; j++) {
                topic[j] += docEmbeddings.get(i, j) / docEmbeddings.rows();
            }
        }
        DenseMatrix wordEmbeddings = context.embedder().embedWords(words).toDense();
        List<Topic.Word> scored = new ArrayList<>();
        for (int w = 0; w < words.size(); w++) {
            scored.add(new Topic.Word(words.get(w), VectorMath.cosine(wordEmbeddings.row(w), topic)));
        }
        scored.sort(Comparator.comparingDouble((Topic.Word w) -> -w.score()));
        return List.copyOf(scored.subList(0, Math.min(topNWords, scored.size())));
    }
}
