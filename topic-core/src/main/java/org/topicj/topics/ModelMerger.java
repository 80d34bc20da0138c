package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.topicj.matrix.DenseMatrix;

/**
 * BERTopic's {@code merge_models}: combines fitted topic models into one. The first model is the base
 * and keeps its topics and ids. Each later model, in list order, is compared with every row merged so
 * far (cosine of the topic embeddings, the outlier rows included, as BERTopic compares): a topic whose
 * best similarity is below {@code minSimilarity} is added with the next id (largest id so far + 1),
 * keeping its words, name (renumbered), label, representative documents and embedding; a topic that is
 * similar enough joins the most similar merged topic. The training documents of all models are
 * concatenated in order, each with its mapped topic; topic sizes are counted from them. The merged
 * model assigns new documents to the most similar topic embedding ({@link TopicRoute.Embeddings}), the
 * outlier row included, as BERTopic's merged model does, and embeds them with the first model's
 * embedder (shared, as derived models share it).
 *
 * <p>Followed from BERTopic 0.17.4 although odd: a topic most similar to the base's outlier row maps to
 * -1 (its documents become outliers), as new documents near that row do; the similarities of one
 * model are not recomputed after its new topics are added, so two similar new topics of the same model
 * are both added; topics are not re-sorted by size.
 *
 * <p>Where TopicJ differs: BERTopic's merged model has no c-TF-IDF; TopicJ keeps one over the union of
 * the models' vocabularies (sorted), each topic's weights copied from the model it came from and each
 * term's idf from the first model that has it, so the c-TF-IDF queries keep working (weights of topics
 * from different models were computed against different corpora, so compare them with care). Custom
 * labels and representative documents are kept (BERTopic drops both). A document keeps the probability
 * its own model gave it; the merged model has no soft-membership matrix. When the base has no outlier
 * topic but a later model brings outlier documents, the merged outlier topic is that model's (words and
 * embedding); BERTopic then leaves its topic embeddings one row short. The base's settings (vectorizer,
 * weighting, top words) and embedder key are the merged model's.
 *
 * <p>Thread-safety: stateless; safe from any thread (the models are immutable).
 */
final class ModelMerger {
    private ModelMerger() {
    }

    /** A merged topic: where it came from and its id in the merged model. */
    private record Source(TopicModelData model, int row, int newId) {
    }

    static TopicModel merge(List<TopicModel> models, double minSimilarity) {
        check(models, minSimilarity);
        TopicModelData base = models.get(0).data();
        List<Source> merged = new ArrayList<>();
        int[] baseIds = base.words().topicIdArray();
        for (int r = 0; r < baseIds.length; r++) {
            merged.add(new Source(base, r, baseIds[r]));
        }
        List<int[]> docTopics = new ArrayList<>(List.of(base.documentTopics()));
        int maxTopic = Arrays.stream(base.documentTopics()).max().orElse(-1);
        for (TopicModelData m : models.subList(1, models.size()).stream().map(TopicModel::data).toList()) {
            int[] ids = m.words().topicIdArray();
            int[] mergedIds = merged.stream().mapToInt(Source::newId).toArray();
            DenseMatrix mergedRows = embeddings(merged);
            Map<Integer, Integer> toMerged = new TreeMap<>();
            for (int r = 0; r < ids.length; r++) {
                if (ids[r] < 0) {
                    continue;
                }
                TopicRoute.Embeddings.Nearest best = TopicRoute.Embeddings.nearest(m.topicEmbeddings().row(r), mergedRows);
                if (best.similarity() < minSimilarity) {
                    merged.add(new Source(m, r, ++maxTopic));
                    toMerged.put(ids[r], maxTopic);
                } else {
                    // BERTopic maps by row: a topic nearest the base's outlier row becomes -1.
                    toMerged.put(ids[r], mergedIds[best.row()]);
                }
            }
            toMerged.put(-1, -1);
            docTopics.add(Arrays.stream(m.documentTopics()).map(toMerged::get).toArray());
        }
        int[] allTopics = docTopics.stream().flatMapToInt(Arrays::stream).toArray();
        if (Arrays.stream(allTopics).anyMatch(t -> t < 0) && merged.stream().noneMatch(s -> s.newId() < 0)) {
            merged.add(0, firstOutlierRow(models));
        }
        return models.get(0).withData(assemble(base, merged, allTopics, models));
    }

    private static void check(List<TopicModel> models, double minSimilarity) {
        Objects.requireNonNull(models, "models");
        if (models.size() < 2) {
            throw new IllegalArgumentException("merging needs at least two models, got " + models.size());
        }
        if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
            throw new IllegalArgumentException("min similarity must be a cosine similarity in [-1, 1], got " + minSimilarity);
        }
        int dimension = -1;
        for (int i = 0; i < models.size(); i++) {
            TopicModelData d = Objects.requireNonNull(models.get(i), "model " + i).data();
            if (d.topicEmbeddings() == null) {
                throw new IllegalArgumentException("model " + i + " has no topic embeddings, and merging compares topics by them; "
                        + "fit it with dense document embeddings (an embedder or precomputed embeddings) to merge it");
            }
            if (dimension >= 0 && d.topicEmbeddings().cols() != dimension) {
                throw new IllegalArgumentException("model " + i + " has " + d.topicEmbeddings().cols() + "-dimensional topic embeddings "
                        + "but model 0 has " + dimension + "; merge only models fitted with the same embedding model");
            }
            dimension = d.topicEmbeddings().cols();
        }
    }

    /** The outlier row of the first later model with outlier documents, for a base without outliers. */
    private static Source firstOutlierRow(List<TopicModel> models) {
        for (TopicModel model : models.subList(1, models.size())) {
            TopicModelData d = model.data();
            if (d.words().hasOutlierTopic()) {
                return new Source(d, 0, -1);
            }
        }
        throw new IllegalStateException("outlier documents without an outlier topic in any model");
    }

    private static TopicModelData assemble(TopicModelData base, List<Source> merged, int[] allTopics, List<TopicModel> models) {
        int[] ids = merged.stream().mapToInt(Source::newId).toArray();
        Map<Integer, Integer> sizes = new TreeMap<>();
        for (int t : allTopics) {
            sizes.merge(t, 1, Integer::sum);
        }
        List<Topic> topics = new ArrayList<>(merged.size());
        for (Source s : merged) {
            topics.add(s.model().topics().get(s.row()).renumbered(s.newId(), sizes.getOrDefault(s.newId(), 0)));
        }
        double[] probabilities = models.stream().flatMapToDouble(m -> Arrays.stream(m.data().documentProbabilities())).toArray();
        DenseMatrix te = embeddings(merged);
        Provenance p = base.provenance();
        return new TopicModelData(base.settings(), unionWords(base, merged, ids), topics, allTopics, probabilities, null, te,
                new TopicRoute.Embeddings(), base.embedderRef(), base.statefulSpec(),
                Provenance.now(allTopics.length, te.cols(), p.seed()));
    }

    /** The merged rows' c-TF-IDF over the sorted union of their models' vocabularies. */
    private static TopicWords unionWords(TopicModelData base, List<Source> merged, int[] ids) {
        TreeMap<String, Double> idf = new TreeMap<>();
        for (Source s : merged) {
            List<String> terms = s.model().words().vocabulary().terms();
            double[] modelIdf = s.model().words().idfArray();
            for (int j = 0; j < terms.size(); j++) {
                idf.putIfAbsent(terms.get(j), modelIdf[j]);
            }
        }
        // The base's idf wins for its own terms.
        List<String> baseTerms = base.words().vocabulary().terms();
        for (int j = 0; j < baseTerms.size(); j++) {
            idf.put(baseTerms.get(j), base.words().idfArray()[j]);
        }
        List<String> union = new ArrayList<>(idf.keySet());
        Map<String, Integer> column = new TreeMap<>();
        for (int j = 0; j < union.size(); j++) {
            column.put(union.get(j), j);
        }
        int[] indptr = new int[merged.size() + 1];
        List<int[]> rowIndices = new ArrayList<>();
        List<double[]> rowValues = new ArrayList<>();
        for (int r = 0; r < merged.size(); r++) {
            Source s = merged.get(r);
            ClassTfidf.WeightedRows w = s.model().words().weights();
            List<String> terms = s.model().words().vocabulary().terms();
            int from = w.indptr()[s.row()];
            int n = w.indptr()[s.row() + 1] - from;
            Integer[] order = new Integer[n];
            int[] cols = new int[n];
            for (int k = 0; k < n; k++) {
                order[k] = k;
                cols[k] = column.get(terms.get(w.indices()[from + k]));
            }
            // CSR rows keep their columns ascending (lookups binary-search them).
            Arrays.sort(order, (a, b) -> Integer.compare(cols[a], cols[b]));
            int[] idx = new int[n];
            double[] val = new double[n];
            for (int k = 0; k < n; k++) {
                idx[k] = cols[order[k]];
                val[k] = w.values()[from + order[k]];
            }
            rowIndices.add(idx);
            rowValues.add(val);
            indptr[r + 1] = indptr[r] + n;
        }
        int[] indices = rowIndices.stream().flatMapToInt(Arrays::stream).toArray();
        double[] values = rowValues.stream().flatMapToDouble(Arrays::stream).toArray();
        TopicWords bw = base.words();
        return new TopicWords(base.settings().vectorizer().vocabulary(union), idf.values().stream().mapToDouble(Double::doubleValue).toArray(),
                bw.ctfidf(), bw.english(), ids, new ClassTfidf.WeightedRows(merged.size(), union.size(), indptr, indices, values));
    }

    private static DenseMatrix embeddings(List<Source> merged) {
        int d = merged.get(0).model().topicEmbeddings().cols();
        float[] out = new float[merged.size() * d];
        for (int r = 0; r < merged.size(); r++) {
            Source s = merged.get(r);
            System.arraycopy(s.model().topicEmbeddings().rawData(), s.row() * d, out, r * d, d);
        }
        return DenseMatrix.wrap(merged.size(), d, out);
    }
}
