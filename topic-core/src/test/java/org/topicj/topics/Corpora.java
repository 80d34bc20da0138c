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
        java.util.Map<Long, Integer> joint = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> ca = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> cb = new java.util.HashMap<>();
        for (int i = 0; i < a.length; i++) {
            joint.merge(((long) a[i] << 32) ^ (b[i] & 0xffffffffL), 1, Integer::sum);
            ca.merge(a[i], 1, Integer::sum);
            cb.merge(b[i], 1, Integer::sum);
        }
        double n = a.length;
        double mi = 0;
        for (var e : joint.entrySet()) {
            int x = (int) (e.getKey() >> 32);
            int y = (int) (long) e.getKey().intValue();
            double pxy = e.getValue() / n;
            mi += pxy * Math.log(pxy / (ca.get(x) / n * cb.get(y) / n));
        }
        double ha = entropy(ca, n);
        double hb = entropy(cb, n);
        return mi / ((ha + hb) / 2);
    }

    private static double entropy(java.util.Map<Integer, Integer> counts, double n) {
        double h = 0;
        for (int c : counts.values()) {
            h -= c / n * Math.log(c / n);
        }
        return h;
    }
}
