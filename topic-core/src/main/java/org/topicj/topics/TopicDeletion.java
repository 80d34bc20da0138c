package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.topicj.matrix.DenseMatrix;

/**
 * BERTopic's {@code delete_topics}, as it is meant to work: the documents of the deleted topics
 * become outliers (-1), the remaining topics are renumbered by size (0 the largest), each keeps its
 * words, c-TF-IDF row, embedding, representative documents and label, the outlier topic gets the
 * deleted documents (its words are kept as they were; a model without outliers gains an outlier topic
 * with an empty c-TF-IDF row and a zero embedding, as BERTopic adds), and the vocabulary and idf are
 * untouched. New documents that land in a deleted topic's cluster become outliers.
 *
 * <p>Where BERTopic 0.17.4 differs (and is wrong): it removes the c-TF-IDF and embedding row of
 * topic {@code t - 1} instead of {@code t} (an off-by-one: the row index is taken for the topic id),
 * shrinks its idf matrix so that every later c-TF-IDF transform fails, fails outright on list-shaped
 * custom labels, and ignores unknown topic ids; TopicJ rejects unknown ids and the outlier topic.
 */
final class TopicDeletion {
    private TopicDeletion() {
    }

    static TopicModel delete(TopicModel model, Collection<Integer> toDelete) {
        TopicModelData data = model.data();
        TopicWords words = data.words();
        Set<Integer> deleted = new TreeSet<>();
        for (Integer t : toDelete) {
            if (t == null || t < 0 || words.row(t) < 0) {
                throw new IllegalArgumentException("cannot delete topic " + t + "; the model's topics are "
                        + Arrays.toString(words.topicIdArray()) + " (the outlier topic -1 cannot be deleted)");
            }
            deleted.add(t);
        }
        int k = words.size() - (words.hasOutlierTopic() ? 1 : 0);
        int[] oldToNew = renumber(data.topics(), deleted, k);
        int[] docTopics = new int[data.documentTopics().length];
        int outliers = 0;
        for (int i = 0; i < docTopics.length; i++) {
            int t = data.documentTopics()[i];
            docTopics[i] = t < 0 ? -1 : oldToNew[t];
            outliers += docTopics[i] < 0 ? 1 : 0;
        }
        int kept = k - deleted.size();
        int[] oldRows = new int[kept + (outliers > 0 ? 1 : 0)];
        int[] ids = new int[oldRows.length];
        int first = outliers > 0 ? 1 : 0;
        if (outliers > 0) {
            ids[0] = -1;
            oldRows[0] = words.hasOutlierTopic() ? 0 : -1;
        }
        for (int old = 0; old < k; old++) {
            if (oldToNew[old] >= 0) {
                oldRows[first + oldToNew[old]] = words.row(old);
                ids[first + oldToNew[old]] = oldToNew[old];
            }
        }
        List<Topic> topics = new ArrayList<>(ids.length);
        for (int r = 0; r < ids.length; r++) {
            int count = r < first ? outliers : data.topics().get(oldRows[r]).count();
            topics.add(oldRows[r] < 0 ? emptyOutlierTopic(outliers, data.settings().topNWords())
                    : data.topics().get(oldRows[r]).renumbered(ids[r], count));
        }
        TopicWords newWords = words.withRows(ids, rows(words.weights(), oldRows));
        DenseMatrix te = data.topicEmbeddings() == null ? null : embeddings(data.topicEmbeddings(), oldRows);
        DenseMatrix membership = data.membership() == null ? null : TopicReduction.mergeColumns(data.membership(), oldToNew, kept);
        return model.withData(new TopicModelData(data.settings(), newWords, topics, docTopics, data.documentProbabilities(),
                membership, te, data.route().remap(oldToNew), data.embedderRef(), data.statefulSpec(), data.provenance()));
    }

    /** Old topic id to new: -1 for deleted, else by decreasing size, ties by old id. */
    private static int[] renumber(List<Topic> topics, Set<Integer> deleted, int k) {
        int[] size = new int[k];
        topics.stream().filter(t -> t.id() >= 0).forEach(t -> size[t.id()] = t.count());
        List<Integer> remaining = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            if (!deleted.contains(t)) {
                remaining.add(t);
            }
        }
        remaining.sort(Comparator.comparingInt((Integer t) -> -size[t]).thenComparingInt(t -> t));
        int[] oldToNew = new int[k];
        Arrays.fill(oldToNew, -1);
        for (int i = 0; i < remaining.size(); i++) {
            oldToNew[remaining.get(i)] = i;
        }
        return oldToNew;
    }

    private static Topic emptyOutlierTopic(int count, int topN) {
        List<Topic.Word> padding = new ArrayList<>();
        for (int i = 0; i < topN; i++) {
            padding.add(new Topic.Word("", 0.00001));
        }
        return new Topic(-1, count, TopicRepresenter.name(-1, padding), padding, List.of());
    }

    /** The rows of {@code w} in the order of {@code oldRows}; -1 gives an empty row. */
    private static ClassTfidf.WeightedRows rows(ClassTfidf.WeightedRows w, int[] oldRows) {
        if (oldRows.length > 0 && oldRows[0] < 0) {
            int[] rest = Arrays.copyOfRange(oldRows, 1, oldRows.length);
            ClassTfidf.WeightedRows kept = SparseRows.select(w, rest);
            int[] indptr = new int[oldRows.length + 1];
            System.arraycopy(kept.indptr(), 0, indptr, 1, kept.indptr().length);
            return new ClassTfidf.WeightedRows(oldRows.length, w.cols(), indptr, kept.indices(), kept.values());
        }
        return SparseRows.select(w, oldRows);
    }

    private static DenseMatrix embeddings(DenseMatrix te, int[] oldRows) {
        int d = te.cols();
        float[] out = new float[oldRows.length * d];
        for (int r = 0; r < oldRows.length; r++) {
            if (oldRows[r] >= 0) {
                System.arraycopy(te.rawData(), oldRows[r] * d, out, r * d, d);
            }
        }
        return DenseMatrix.wrap(oldRows.length, d, out);
    }
}
