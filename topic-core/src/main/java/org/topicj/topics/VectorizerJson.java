package org.topicj.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.topicj.text.CountVectorizer;

/** How saved topic models record their CountVectorizer's settings (not its vocabulary). */
final class VectorizerJson {
    private VectorizerJson() {
    }

    static void write(ObjectNode model, CountVectorizer cv) {
        ObjectNode v = model.putObject("vectorizer");
        v.put("lowercase", cv.lowercase()).put("tokenPattern", cv.tokenPattern());
        v.put("ngramMin", cv.ngramRange()[0]).put("ngramMax", cv.ngramRange()[1]);
        ArrayNode stop = v.putArray("stopWords");
        new TreeSet<>(cv.stopWords()).forEach(stop::add);
    }

    static CountVectorizer.Builder read(JsonNode v) {
        Set<String> stop = new HashSet<>();
        v.path("stopWords").forEach(w -> stop.add(w.asText()));
        return CountVectorizer.builder().lowercase(v.path("lowercase").asBoolean(true))
                .tokenPattern(v.path("tokenPattern").asText(CountVectorizer.DEFAULT_TOKEN_PATTERN))
                .ngramRange(v.path("ngramMin").asInt(1), v.path("ngramMax").asInt(1)).stopWords(stop);
    }
}
