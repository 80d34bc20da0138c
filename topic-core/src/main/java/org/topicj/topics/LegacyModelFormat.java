package org.topicj.topics;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.topicj.io.CorruptModelException;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.pipeline.FittedClusterer;
import org.topicj.pipeline.FittedReducer;
import org.topicj.pipeline.Stages;

/**
 * Reads models saved by TopicJ before the current format (version 1: {@code umap/} and
 * {@code hdbscan/} folders, float32 weights, no manifest, settings partly implied). They load with
 * the same checks; saving them again writes the current format.
 */
final class LegacyModelFormat {
    private LegacyModelFormat() {
    }

    static TopicModel read(Path dir, JsonNode j, LoadOptions options) {
        Path file = dir.resolve(ModelFormat.FILE);
        TopicSettings settings = settings(j, file);
        int[] topicIds = ModelChecks.topicIds(ModelFiles.requireArray(j, "topicIds", file), file);
        List<String> terms = ModelChecks.strings(ModelFiles.requireArray(j, "vocabulary", file), "vocabulary", file);
        TopicWords words = ModelFormat.words(dir, settings, topicIds, terms);
        List<Topic> topics = ModelChecks.topics(ModelFiles.require(j, "topics", file), topicIds, file);
        int[] docTopics = Npy.readInts(ModelFiles.requireFile(dir.resolve("document_topics.npy")));
        double[] docProbs = Npy.readDoubles(ModelFiles.requireFile(dir.resolve("document_probabilities.npy")));
        ModelChecks.documents(docTopics, docProbs, topicIds, dir);
        DenseMatrix topicEmbeddings = null;
        Path te = dir.resolve("topic_embeddings.npy");
        if (java.nio.file.Files.exists(te)) {
            topicEmbeddings = Npy.readMatrix(ModelFiles.requireFile(te));
            ModelChecks.matrix(topicEmbeddings, topicIds.length, -1, "topic_embeddings", te);
        }
        TopicRoute route = j.path("manual").asBoolean(false) ? new TopicRoute.Words() : stages(dir, j, topicIds, file);
        TopicModelData data = new TopicModelData(settings, words, topics, docTopics, docProbs, null, topicEmbeddings, route,
                embedderRef(j, file), j.hasNonNull("statefulEmbedder") ? j.get("statefulEmbedder").asText() : null,
                new Provenance(j.path("topicj").asText("unknown"), "unknown", Instant.EPOCH, docTopics.length, 0, null));
        return new TopicModel(data, ModelFormat.handle(data, dir, options));
    }

    private static TopicSettings settings(JsonNode j, Path file) {
        JsonNode c = j.path("ctfidf");
        JsonNode firstTopic = j.path("topics").path(0).path("words");
        int topN = firstTopic.isArray() && firstTopic.size() > 0 ? firstTopic.size() : 10;
        return new TopicSettings(SettingsJson.readVectorizer(ModelFiles.require(j, "vectorizer", file), file).build(),
                new ClassTfidf(c.path("bm25Weighting").asBoolean(false), c.path("reduceFrequentWords").asBoolean(false)),
                j.path("englishPreprocessing").asBoolean(true), topN, 3, null, null);
    }

    private static TopicRoute stages(Path dir, JsonNode j, int[] topicIds, Path file) {
        FittedReducer reducer = Stages.loadReducer("umap", dir.resolve("umap"));
        FittedClusterer clusterer = Stages.loadClusterer("hdbscan", dir.resolve("hdbscan"));
        int[] clusterToTopic = ModelChecks.ints(ModelFiles.requireArray(j, "clusterToTopic", file), "clusterToTopic", file);
        ModelChecks.clusterToTopic(clusterToTopic, clusterer.clusters(), topicIds, file);
        return new TopicRoute.Stages(reducer, clusterer, clusterToTopic);
    }

    private static EmbedderRef embedderRef(JsonNode j, Path file) {
        if (!j.hasNonNull("embedder")) {
            return null;
        }
        if (!j.get("embedder").isTextual()) {
            throw new CorruptModelException(file, "embedder", "expected the embedder's key as text");
        }
        Map<String, String> options = new TreeMap<>();
        for (Map.Entry<String, JsonNode> o : j.path("embedderOptions").properties()) {
            if (!o.getValue().isTextual()) {
                throw new CorruptModelException(file, "embedderOptions." + o.getKey(), "is not a string");
            }
            options.put(o.getKey(), o.getValue().asText());
        }
        return new EmbedderRef(j.get("embedder").asText(), options);
    }
}
