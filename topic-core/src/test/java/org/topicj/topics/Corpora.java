package org.topicj.topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.topicj.testing.SharedData;

/** Test corpora: the shared Debian descriptions, and seeded synthetic ones. */
final class Corpora {
    private Corpora() {
    }

    record Debian(List<String> texts, List<String> sections) {
    }

    static Debian debian() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.reference("debian5k/docs.jsonl"))) {
            var node = json.readTree(line);
            texts.add(node.get("text").asText());
            sections.add(node.get("label").asText());
        }
        return new Debian(texts, sections);
    }

    /** {@code perTopic} documents for each of 5 word pools, 8 words each, interleaved. */
    static List<String> synthetic(int perTopic, long seed) {
        return org.topicj.testing.SyntheticCorpus.documents(perTopic, seed);
    }

    /** Normalised mutual information (arithmetic mean of the entropies, as scikit-learn's default). */
    static double nmi(int[] a, int[] b) {
        return org.topicj.eval.ClusteringMetrics.normalizedMutualInformation(a, b);
    }
}
