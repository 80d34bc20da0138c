package org.topicj.topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

    static final String[][] POOLS = {
        {"kernel", "driver", "module", "linux", "firmware", "device", "boot", "hardware", "usb", "pci"},
        {"font", "typeface", "glyph", "serif", "unicode", "latin", "bold", "italic", "truetype", "opentype"},
        {"python", "library", "module", "import", "package", "bindings", "api", "pip", "script", "interpreter"},
        {"audio", "sound", "music", "player", "mp3", "playlist", "volume", "codec", "speaker", "midi"},
        {"network", "server", "http", "proxy", "firewall", "tcp", "socket", "dns", "router", "packet"},
    };

    /** {@code perTopic} documents for each of 5 word pools, 8 words each, interleaved. */
    static List<String> synthetic(int perTopic, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < perTopic * POOLS.length; i++) {
            String[] pool = POOLS[i % POOLS.length];
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 8; w++) {
                sb.append(w == 0 ? "" : " ").append(pool[rnd.nextInt(pool.length)]);
            }
            docs.add(sb.toString());
        }
        return docs;
    }

    /** Normalised mutual information (arithmetic mean of the entropies, as scikit-learn's default). */
    static double nmi(int[] a, int[] b) {
        return org.topicj.eval.ClusteringMetrics.normalizedMutualInformation(a, b);
    }
}
