package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared Debian corpus the benchmarks run on. */
final class Corpus {
    private Corpus() {
    }

    static Path reference() {
        Path p = Path.of(System.getProperty("topicj.shared.dir", "../shared")).resolve("reference");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared reference data not found at " + p.toAbsolutePath()
                    + "; run from the project root beside ../shared, or set -Dtopicj.shared.dir");
        }
        return p;
    }

    /** The debian5k documents with their package sections, in file order. */
    record Labelled(List<String> texts, List<String> sections) {
    }

    static Labelled debianLabelled() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        for (String line : Files.readAllLines(reference().resolve("debian5k/docs.jsonl"))) {
            var n = json.readTree(line);
            texts.add(n.get("text").asText());
            sections.add(n.get("label").asText());
        }
        return new Labelled(texts, sections);
    }

    static List<String> debianTexts() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(reference().resolve("debian5k/docs.jsonl"))) {
            out.add(json.readTree(line).get("text").asText());
        }
        return out;
    }
}
