package org.topicj.topics;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.topicj.io.CorruptModelException;
import org.topicj.io.ModelFiles;
import org.topicj.online.IncrementalPca;
import org.topicj.online.MiniBatchKMeans;
import org.topicj.pipeline.KMeansClusterer;
import org.topicj.pipeline.PcaReducer;

/** Reads online models saved before the unified topic-model format ({@code topicj-online-model.json}). */
final class LegacyOnlineFormat {
    private static final String FORMAT = "topicj-online-topic-model";

    private LegacyOnlineFormat() {
    }

    static OnlineTopicModel read(Path dir) {
        Path file = dir.resolve(OnlineTopicModel.LEGACY_FILE);
        JsonNode j = ModelFiles.readJson(file, FORMAT, 1);
        try {
            OnlineTopicModel.Builder b = OnlineTopicModel.builder().components(ModelFiles.requirePositiveInt(j, "components", file))
                    .clusters(ModelFiles.requirePositiveInt(j, "clusters", file)).decay(j.path("decay").asDouble())
                    .seed(j.path("seed").asLong(42)).topNWords(ModelFiles.requirePositiveInt(j, "topNWords", file))
                    .englishPreprocessing(j.path("englishPreprocessing").asBoolean(true))
                    .ctfidf(new ClassTfidf(j.path("ctfidf").path("bm25Weighting").asBoolean(false),
                            j.path("ctfidf").path("reduceFrequentWords").asBoolean(false)))
                    .vectorizer(SettingsJson.readVectorizer(ModelFiles.require(j, "vectorizer", file), file).build());
            if (j.hasNonNull("embedder")) {
                Map<String, String> eo = new HashMap<>();
                j.path("embedderOptions").properties().forEach(e -> eo.put(e.getKey(), e.getValue().asText()));
                b.embedderKey(j.get("embedder").asText(), eo);
            }
            double[][] pca = ModelFiles.mapper().treeToValue(ModelFiles.require(j, "pca", file), double[][].class);
            double[][] kmeans = ModelFiles.mapper().treeToValue(ModelFiles.require(j, "kmeans", file), double[][].class);
            OnlineTopicModel m = OnlineTopicModel.restored(b, PcaReducer.of(IncrementalPca.restore(pca, j.path("pcaSeen").asLong())),
                    KMeansClusterer.of(MiniBatchKMeans.restore(kmeans, j.path("seed").asLong(42))));
            Map<String, Integer> terms = new LinkedHashMap<>();
            ModelChecks.strings(ModelFiles.requireArray(j, "vocabulary", file), "vocabulary", file).forEach(t -> terms.put(t, terms.size()));
            long[] sizes = ModelFiles.mapper().treeToValue(ModelFiles.require(j, "sizes", file), long[].class);
            List<Map<Integer, Double>> bags = new ArrayList<>();
            for (JsonNode bag : ModelFiles.requireArray(j, "bags", file)) {
                Map<Integer, Double> counts = new HashMap<>();
                for (int k = 0; k < bag.path("terms").size(); k++) {
                    int term = bag.path("terms").get(k).asInt();
                    if (term < 0 || term >= terms.size()) {
                        throw new CorruptModelException(file, "bags", "a bag names term " + term + " of " + terms.size());
                    }
                    counts.put(term, bag.path("counts").get(k).asDouble());
                }
                bags.add(counts);
            }
            if (bags.size() != sizes.length) {
                throw new CorruptModelException(file, "bags", bags.size() + " bags for " + sizes.length + " clusters");
            }
            m.restoreLegacy(j.path("documents").asLong(), terms, sizes, bags);
            return m;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new CorruptModelException(file, null, e.getMessage(), e);
        }
    }
}
