package org.topicj.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.io.ModelFiles;
import org.topicj.text.CountVectorizer;

/**
 * How saved models record their {@link TopicSettings}: the vectorizer's every setting (not its
 * vocabulary), the c-TF-IDF options, sizes, seed and the representation by name and parameters.
 * Only representations TopicJ knows are restored; nothing is instantiated from a class name.
 */
final class SettingsJson {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsJson.class);

    private SettingsJson() {
    }

    static ObjectNode write(TopicSettings s) {
        ObjectNode j = ModelFiles.object();
        j.set("vectorizer", vectorizer(s.vectorizer()));
        j.set("ctfidf", ctfidf(s.ctfidf()));
        j.put("englishPreprocessing", s.englishPreprocessing()).put("topNWords", s.topNWords())
                .put("representativeDocs", s.representativeDocs());
        if (s.seed() != null) {
            j.put("seed", s.seed());
        }
        if (s.representation() != null) {
            j.set("representation", representation(s.representation()));
        }
        return j;
    }

    static TopicSettings read(JsonNode j, Path file) {
        CountVectorizer v = readVectorizer(ModelFiles.require(j, "vectorizer", file), file).build();
        JsonNode c = j.path("ctfidf");
        Long seed = j.hasNonNull("seed") ? j.get("seed").asLong() : null;
        try {
            return new TopicSettings(v, readCtfidf(c, file),
                    j.path("englishPreprocessing").asBoolean(true), ModelFiles.requirePositiveInt(j, "topNWords", file),
                    j.path("representativeDocs").asInt(3), readRepresentation(j.path("representation"), file), seed);
        } catch (IllegalArgumentException e) {
            throw ModelFiles.corrupt(file, "settings", e.getMessage());
        }
    }

    /** The c-TF-IDF options; seed words only when there are any (older TopicJ versions read the rest). */
    static ObjectNode ctfidf(ClassTfidf c) {
        ObjectNode j = ModelFiles.object().put("bm25Weighting", c.bm25Weighting()).put("reduceFrequentWords", c.reduceFrequentWords());
        if (!c.seedWords().isEmpty()) {
            c.seedWords().forEach(j.putArray("seedWords")::add);
            j.put("seedMultiplier", c.seedMultiplier());
        }
        if (!c.seedTopicWords().isEmpty()) {
            c.seedTopicWords().forEach(j.putArray("seedTopicWords")::add);
        }
        return j;
    }

    static ClassTfidf readCtfidf(JsonNode c, Path file) {
        Set<String> seeds = new TreeSet<>(ModelChecks.optionalStrings(c.path("seedWords"), "ctfidf.seedWords", file));
        Set<String> topicWords = new TreeSet<>(ModelChecks.optionalStrings(c.path("seedTopicWords"), "ctfidf.seedTopicWords", file));
        return new ClassTfidf(c.path("bm25Weighting").asBoolean(false), c.path("reduceFrequentWords").asBoolean(false), seeds,
                c.path("seedMultiplier").asDouble(2), topicWords);
    }

    static ObjectNode vectorizer(CountVectorizer cv) {
        ObjectNode v = ModelFiles.object();
        v.put("lowercase", cv.lowercase()).put("tokenPattern", cv.tokenPattern());
        v.put("ngramMin", cv.ngramRange()[0]).put("ngramMax", cv.ngramRange()[1]);
        ArrayNode stop = v.putArray("stopWords");
        new TreeSet<>(cv.stopWords()).forEach(stop::add);
        putNumber(v, "minDf", cv.minDf());
        putNumber(v, "maxDf", cv.maxDf());
        if (cv.maxFeatures() != null) {
            v.put("maxFeatures", cv.maxFeatures());
        }
        return v;
    }

    private static void putNumber(ObjectNode v, String name, Number n) {
        if (n instanceof Integer i) {
            v.put(name, i);
        } else if (n != null) {
            v.put(name, n.doubleValue());
        }
    }

    /** Reads the vectorizer's settings; a count is a JSON integer, a fraction a JSON decimal, as in scikit-learn. */
    static CountVectorizer.Builder readVectorizer(JsonNode v, Path file) {
        Set<String> stop = new HashSet<>();
        v.path("stopWords").forEach(w -> stop.add(w.asText()));
        try {
            CountVectorizer.Builder b = CountVectorizer.builder().lowercase(v.path("lowercase").asBoolean(true))
                    .tokenPattern(v.path("tokenPattern").asText(CountVectorizer.DEFAULT_TOKEN_PATTERN))
                    .ngramRange(v.path("ngramMin").asInt(1), v.path("ngramMax").asInt(1)).stopWords(stop);
            JsonNode min = v.path("minDf");
            if (min.isIntegralNumber()) {
                b.minDf(min.asInt());
            } else if (min.isNumber()) {
                b.minDf(min.asDouble());
            }
            JsonNode max = v.path("maxDf");
            if (max.isIntegralNumber()) {
                b.maxDf(max.asInt());
            } else if (max.isNumber()) {
                b.maxDf(max.asDouble());
            }
            if (v.hasNonNull("maxFeatures")) {
                b.maxFeatures(v.get("maxFeatures").asInt());
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw ModelFiles.corrupt(file, "vectorizer", e.getMessage());
        }
    }

    private static ObjectNode representation(Representation r) {
        ObjectNode j = ModelFiles.object();
        if (r instanceof KeyBertInspired k) {
            j.put("type", "keybert").put("topNWords", k.topNWords()).put("representativeDocs", k.representativeDocs())
                    .put("candidateWords", k.candidateWords());
        } else if (r instanceof MaximalMarginalRelevance m) {
            j.put("type", "mmr").put("diversity", m.diversity()).put("topNWords", m.topNWords());
        } else {
            j.put("type", "custom").put("class", r.getClass().getName());
        }
        return j;
    }

    private static Representation readRepresentation(JsonNode j, Path file) {
        if (j.isMissingNode() || j.isNull()) {
            return null;
        }
        try {
            return switch (j.path("type").asText()) {
                case "keybert" -> new KeyBertInspired(j.path("topNWords").asInt(), j.path("representativeDocs").asInt(),
                        j.path("candidateWords").asInt());
                case "mmr" -> new MaximalMarginalRelevance(j.path("diversity").asDouble(), j.path("topNWords").asInt());
                case "custom" -> {
                    LOG.warn("{} was fitted with the representation {}, which a saved model cannot restore (nothing is "
                            + "instantiated from a model folder); reductions after loading describe topics by c-TF-IDF",
                            file, j.path("class").asText());
                    yield null;
                }
                default -> throw ModelFiles.corrupt(file, "representation", "unknown type '" + j.path("type").asText() + "'");
            };
        } catch (IllegalArgumentException e) {
            throw ModelFiles.corrupt(file, "representation", e.getMessage());
        }
    }
}
