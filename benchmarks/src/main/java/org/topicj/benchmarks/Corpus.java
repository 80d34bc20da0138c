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

    static List<String> debianTexts() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(reference().resolve("debian5k/docs.jsonl"))) {
            out.add(json.readTree(line).get("text").asText());
        }
        return out;
    }
}
