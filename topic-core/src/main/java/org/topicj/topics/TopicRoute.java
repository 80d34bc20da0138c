package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.pipeline.FittedClusterer;
import org.topicj.pipeline.FittedReducer;

/**
 * How a topic model assigns new documents: through its fitted stages (reduce, then predict the
 * cluster and map it to its topic); for a model fitted from given labels, by the c-TF-IDF
 * similarity of each document to each topic; or, for zero-shot and merged models, by the cosine
 * similarity of its embedding to each topic's embedding (BERTopic's {@code BaseCluster} route).
 */
sealed interface TopicRoute permits TopicRoute.Stages, TopicRoute.Words, TopicRoute.Embeddings {

    /**
     * @param documents the documents
     * @param embeddings their embeddings (ignored by the words route)
     * @param data the model's topic words and embeddings
     * @return one assignment per document
     */
    List<Assignment> assign(List<String> documents, Matrix embeddings, TopicModelData data);

    /** @return whether new documents need embeddings */
    boolean needsEmbeddings();

    /**
     * @param topicToTopic old topic id to new topic id (index = old id, -1 = outliers)
     * @return the route after topics were renumbered or merged
     */
    TopicRoute remap(int[] topicToTopic);

    /**
     * The fitted reducer and clusterer, and the topic of each cluster.
     *
     * @param reducer places new documents
     * @param clusterer predicts their clusters
     * @param clusterToTopic topic id of each cluster, -1 for a cluster that became outliers
     */
    record Stages(FittedReducer reducer, FittedClusterer clusterer, int[] clusterToTopic) implements TopicRoute {
        public Stages {
            Objects.requireNonNull(reducer, "reducer");
            Objects.requireNonNull(clusterer, "clusterer");
            if (clusterToTopic.length != clusterer.clusters()) {
                throw new IllegalArgumentException(clusterToTopic.length + " cluster topics for " + clusterer.clusters() + " clusters");
            }
        }

        @Override
        public List<Assignment> assign(List<String> documents, Matrix embeddings, TopicModelData data) {
            checkEmbeddings(documents, embeddings);
            if (documents.isEmpty()) {
                return List.of();
            }
            DenseMatrix reduced = reducer.transform(embeddings);
            FittedClusterer.Prediction p = clusterer.predict(reduced);
            List<Assignment> out = new ArrayList<>(documents.size());
            for (int i = 0; i < documents.size(); i++) {
                int label = p.labels()[i];
                out.add(new Assignment(label < 0 ? -1 : clusterToTopic[label], p.probabilities()[i]));
            }
            return out;
        }

        @Override
        public boolean needsEmbeddings() {
            return true;
        }

        @Override
        public TopicRoute remap(int[] topicToTopic) {
            int[] mapped = new int[clusterToTopic.length];
            for (int c = 0; c < mapped.length; c++) {
                mapped[c] = clusterToTopic[c] < 0 ? -1 : topicToTopic[clusterToTopic[c]];
            }
            return new Stages(reducer, clusterer, mapped);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stages s && s.reducer == reducer && s.clusterer == clusterer && Arrays.equals(s.clusterToTopic, clusterToTopic);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reducer, clusterer, Arrays.hashCode(clusterToTopic));
        }
    }

    /** Assigns each document to the topic with the most similar c-TF-IDF (none if nothing is shared). */
    record Words() implements TopicRoute {
        @Override
        public List<Assignment> assign(List<String> documents, Matrix embeddings, TopicModelData data) {
            TopicWords words = data.words();
            ClassTfidf.WeightedRows docs = words.weigh(documents);
            int[] ids = words.topicIdArray();
            List<Assignment> out = new ArrayList<>(documents.size());
            for (int i = 0; i < documents.size(); i++) {
                int best = -1;
                double bestSim = 0;
                for (int r = 0; r < ids.length; r++) {
                    if (ids[r] < 0) {
                        continue;
                    }
                    double s = words.similarity(docs, i, r);
                    if (s > bestSim) {
                        bestSim = s;
                        best = ids[r];
                    }
                }
                out.add(new Assignment(best, bestSim));
            }
            return out;
        }

        @Override
        public boolean needsEmbeddings() {
            return false;
        }

        @Override
        public TopicRoute remap(int[] topicToTopic) {
            return this;
        }
    }

    /**
     * Each document goes to the topic whose embedding is most similar (cosine), the outlier topic's
     * included, as BERTopic assigns with a {@code BaseCluster} (zero-shot and merged models); the
     * similarity, clamped to [0, 1], is the probability.
     */
    record Embeddings() implements TopicRoute {
        @Override
        public List<Assignment> assign(List<String> documents, Matrix embeddings, TopicModelData data) {
            checkEmbeddings(documents, embeddings);
            DenseMatrix te = data.topicEmbeddings();
            if (embeddings.cols() != te.cols()) {
                throw new IllegalArgumentException("embeddings have " + embeddings.cols() + " columns; the topic embeddings have " + te.cols());
            }
            DenseMatrix e = embeddings.toDense();
            int[] ids = data.words().topicIdArray();
            List<Assignment> out = new ArrayList<>(documents.size());
            for (int i = 0; i < documents.size(); i++) {
                Nearest n = nearest(e.row(i), te);
                out.add(new Assignment(ids[n.row()], Math.max(0, Math.min(1, n.similarity()))));
            }
            return out;
        }

        /**
         * The most similar row (cosine; the first on a tie).
         *
         * @param row the row index
         * @param similarity its cosine similarity
         */
        record Nearest(int row, double similarity) {
        }

        static Nearest nearest(float[] x, DenseMatrix rows) {
            int best = 0;
            double bestSim = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < rows.rows(); r++) {
                double s = org.topicj.matrix.VectorMath.cosine(x, rows.row(r));
                if (s > bestSim) {
                    bestSim = s;
                    best = r;
                }
            }
            return new Nearest(best, bestSim);
        }

        @Override
        public boolean needsEmbeddings() {
            return true;
        }

        @Override
        public TopicRoute remap(int[] topicToTopic) {
            return this;
        }
    }

    private static void checkEmbeddings(List<String> documents, Matrix embeddings) {
        Objects.requireNonNull(embeddings, "embeddings");
        if (embeddings.rows() != documents.size()) {
            throw new IllegalArgumentException(documents.size() + " documents but " + embeddings.rows() + " embedding rows");
        }
    }
}
