package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.topicj.TopicJException;
import org.topicj.hdbscan.Hdbscan;
import org.topicj.matrix.DenseMatrix;

/**
 * Fewer topics from a fitted model (BERTopic's {@code reduce_topics}, {@code nr_topics="auto"} and
 * {@code merge_topics}): each rule maps every topic to a group, and {@link #regroup} turns the groups
 * into a new model, described by the same settings, whose stages send new documents to the merged topics.
 */
final class TopicReduction {
    private TopicReduction() {
    }

    /** Average-linkage merging on the topic embeddings' cosine distance until {@code nrTopics} remain (outliers counted). */
    static int[] toCount(TopicModelData data, int nrTopics) {
        int outlier = data.words().hasOutlierTopic() ? 1 : 0;
        int k = data.words().size() - outlier;
        int target = nrTopics - outlier;
        if (target < 1 || target > k) {
            throw new IllegalArgumentException("can reduce " + k + " topics (plus " + outlier + " outlier topic) to between "
                    + (1 + outlier) + " and " + (k + outlier) + " topics, not " + nrTopics);
        }
        return averageLinkage(topicEmbeddings(data), outlier, k, target);
    }

    /** HDBSCAN (min cluster size 2) over the normalised topic embeddings; unclustered topics stay alone. */
    static int[] automatic(TopicModelData data) {
        int outlier = data.words().hasOutlierTopic() ? 1 : 0;
        int k = data.words().size() - outlier;
        DenseMatrix emb = topicEmbeddings(data);
        if (k < 3) {
            return IntStream.range(0, k).toArray();
        }
        int d = emb.cols();
        float[] unit = new float[k * d];
        System.arraycopy(emb.rawData(), outlier * d, unit, 0, k * d);
        org.topicj.matrix.VectorMath.normalizeRows(unit, d);
        int[] clusters = Hdbscan.builder().minClusterSize(2).build().fit(DenseMatrix.wrap(k, d, unit)).labels();
        int next = Arrays.stream(clusters).max().orElse(-1) + 1;
        int[] group = new int[k];
        for (int t = 0; t < k; t++) {
            group[t] = clusters[t] >= 0 ? clusters[t] : next++;
        }
        return group;
    }

    /** The given groups merge; every other topic stays alone. */
    static int[] groups(TopicModelData data, List<List<Integer>> groups) {
        int k = data.words().size() - (data.words().hasOutlierTopic() ? 1 : 0);
        int[] group = IntStream.range(0, k).toArray();
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> g : groups) {
            for (int t : g) {
                if (t < 0 || t >= k) {
                    throw new IllegalArgumentException("cannot merge topic " + t + "; topics are 0 to " + (k - 1));
                }
                if (!seen.add(t)) {
                    throw new IllegalArgumentException("topic " + t + " appears in more than one group");
                }
                group[t] = g.get(0);
            }
        }
        return group;
    }

    private static DenseMatrix topicEmbeddings(TopicModelData data) {
        if (data.topicEmbeddings() == null) {
            throw new TopicJException("reducing topics needs topic embeddings; this model was fitted without dense embeddings");
        }
        return data.topicEmbeddings();
    }

    /**
     * The model whose topic {@code t} is the union of the old topics mapped to one group.
     *
     * @param model the model to reduce
     * @param documents its training documents
     * @param topicToGroup a group for every old topic id 0..k-1
     * @return the new model, sharing the old one's embedder
     */
    static TopicModel regroup(TopicModel model, List<String> documents, int[] topicToGroup) {
        return regroupMapped(model, documents, topicToGroup).model();
    }

    /**
     * A regrouped model and where each old topic went.
     *
     * @param model the new model
     * @param oldToNew for each old topic id 0..k-1, its new topic id
     */
    record Regrouped(TopicModel model, int[] oldToNew) {
    }

    /** As {@link #regroup}, also telling where each old topic went. */
    static Regrouped regroupMapped(TopicModel model, List<String> documents, int[] topicToGroup) {
        TopicModelData data = model.data();
        int[] docGroups = new int[data.documentTopics().length];
        for (int i = 0; i < docGroups.length; i++) {
            int t = data.documentTopics()[i];
            docGroups[i] = t < 0 ? -1 : topicToGroup[t];
        }
        int[] groups = TopicRepresenter.groups(docGroups);
        DenseMatrix groupEmbeddings = data.topicEmbeddings() == null ? null : groupEmbeddings(data, topicToGroup, groups);
        TopicRepresenter.Represented r = new TopicRepresenter(data.settings())
                .represent(documents, docGroups, null, groupEmbeddings, model.embedderHandle()::get);
        int[] oldToNew = new int[topicToGroup.length];
        for (int t = 0; t < oldToNew.length; t++) {
            oldToNew[t] = r.groupToTopic()[Arrays.binarySearch(groups, topicToGroup[t])];
        }
        DenseMatrix membership = data.membership() == null ? null
                : mergeColumns(data.membership(), oldToNew, r.words().size() - (r.words().hasOutlierTopic() ? 1 : 0));
        List<Topic> topics = r.topics();
        return new Regrouped(model.withData(new TopicModelData(data.settings(), r.words(), topics, r.docTopics(),
                data.documentProbabilities(), membership, r.topicEmbeddings(), data.route().remap(oldToNew), data.embedderRef(),
                data.statefulSpec(), data.provenance())), oldToNew);
    }

    /**
     * The model with documents moved between its topics (outliers reduced): words, counts and
     * representative documents recomputed, ids and stages kept, topic embeddings recomputed from the
     * moved documents' share when the model has them.
     */
    static TopicModel reassign(TopicModel model, List<String> documents, int[] docTopics) {
        TopicModelData data = model.data();
        int[] ids = data.words().topicIdArray();
        for (int i = 0; i < docTopics.length; i++) {
            if (Arrays.binarySearch(ids, docTopics[i]) < 0 && docTopics[i] != -1) {
                throw new IllegalArgumentException("document " + i + " is given topic " + docTopics[i] + ", which the model does not have");
            }
        }
        TopicRepresenter.Represented r = new TopicRepresenter(data.settings())
                .represent(documents, docTopics, null, null, model.embedderHandle()::get, false);
        DenseMatrix embeddings = data.topicEmbeddings() == null ? null : keepRows(data, r.words());
        return model.withData(new TopicModelData(data.settings(), r.words(), r.topics(), r.docTopics(), data.documentProbabilities(),
                data.membership(), embeddings, data.route(), data.embedderRef(), data.statefulSpec(), data.provenance()));
    }

    /** The old topic embeddings of the topics that remain (a reassignment can empty the outlier topic). */
    private static DenseMatrix keepRows(TopicModelData data, TopicWords words) {
        DenseMatrix te = data.topicEmbeddings();
        int d = te.cols();
        float[] out = new float[words.size() * d];
        int[] ids = words.topicIdArray();
        for (int r = 0; r < ids.length; r++) {
            System.arraycopy(te.rawData(), data.words().row(ids[r]) * d, out, r * d, d);
        }
        return DenseMatrix.wrap(ids.length, d, out);
    }

    /** Size-weighted means of the topic embeddings of each group, in {@code groups} order, with the outliers' row last. */
    private static DenseMatrix groupEmbeddings(TopicModelData data, int[] topicToGroup, int[] groups) {
        DenseMatrix te = data.topicEmbeddings();
        int d = te.cols();
        double[] sum = new double[(groups.length + 1) * d];
        double[] weight = new double[groups.length + 1];
        for (int r = 0; r < data.topics().size(); r++) {
            Topic t = data.topics().get(r);
            int g = t.id() < 0 ? groups.length : Arrays.binarySearch(groups, topicToGroup[t.id()]);
            for (int j = 0; j < d; j++) {
                sum[g * d + j] += (double) t.count() * te.get(r, j);
            }
            weight[g] += t.count();
        }
        float[] out = new float[sum.length];
        for (int g = 0; g <= groups.length; g++) {
            for (int j = 0; j < d; j++) {
                out[g * d + j] = weight[g] > 0 ? (float) (sum[g * d + j] / weight[g]) : 0f;
            }
        }
        return DenseMatrix.wrap(groups.length + 1, d, out);
    }

    /** Column t of the membership (old topic t) is added to the column of its new topic. */
    static DenseMatrix mergeColumns(DenseMatrix m, int[] oldToNew, int topics) {
        float[] out = new float[m.rows() * topics];
        for (int i = 0; i < m.rows(); i++) {
            for (int c = 0; c < m.cols(); c++) {
                if (oldToNew[c] >= 0) {
                    out[i * topics + oldToNew[c]] += m.get(i, c);
                }
            }
        }
        return DenseMatrix.wrap(m.rows(), topics, out);
    }

    /**
     * Agglomerative clustering of topic embeddings (cosine distance, average linkage) into {@code target}
     * groups; an all-zero embedding is at distance 1 from every other topic (no similarity), never NaN.
     */
    static int[] averageLinkage(DenseMatrix emb, int firstRow, int k, int target) {
        int d = emb.cols();
        double[][] dist = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double dot = 0;
                double na = 0;
                double nb = 0;
                for (int j = 0; j < d; j++) {
                    double x = emb.get(firstRow + a, j);
                    double y = emb.get(firstRow + b, j);
                    dot += x * y;
                    na += x * x;
                    nb += y * y;
                }
                dist[a][b] = dist[b][a] = na == 0 || nb == 0 ? 1 : 1 - dot / Math.sqrt(na * nb);
            }
        }
        List<List<Integer>> clusters = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            clusters.add(new ArrayList<>(List.of(t)));
        }
        while (clusters.size() > target) {
            int bestA = 0;
            int bestB = 1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < clusters.size(); a++) {
                for (int b = a + 1; b < clusters.size(); b++) {
                    double s = 0;
                    for (int x : clusters.get(a)) {
                        for (int y : clusters.get(b)) {
                            s += dist[x][y];
                        }
                    }
                    s /= (double) clusters.get(a).size() * clusters.get(b).size();
                    if (s < best) {
                        best = s;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            clusters.get(bestA).addAll(clusters.remove(bestB));
        }
        int[] group = new int[k];
        for (int g = 0; g < clusters.size(); g++) {
            for (int t : clusters.get(g)) {
                group[t] = g;
            }
        }
        return group;
    }
}
