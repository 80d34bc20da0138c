package org.topicj.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded documents drawn from five word pools (one pool per document), for tests in any module. */
public final class SyntheticCorpus {
    /** The pools; some words (such as "module") belong to two of them, as real vocabularies overlap. */
    public static final List<List<String>> POOLS = List.of(
            List.of("kernel", "driver", "module", "linux", "firmware", "device", "boot", "hardware", "usb", "pci"),
            List.of("font", "typeface", "glyph", "serif", "unicode", "latin", "bold", "italic", "truetype", "opentype"),
            List.of("python", "library", "module", "import", "package", "bindings", "api", "pip", "script", "interpreter"),
            List.of("audio", "sound", "music", "player", "mp3", "playlist", "volume", "codec", "speaker", "midi"),
            List.of("network", "server", "http", "proxy", "firewall", "tcp", "socket", "dns", "router", "packet"));

    private SyntheticCorpus() {
    }

    /**
     * @param perPool documents for each pool
     * @param seed the seed
     * @return {@code perPool * 5} documents of 8 words, pools interleaved (document i uses pool i % 5)
     */
    public static List<String> documents(int perPool, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < perPool * POOLS.size(); i++) {
            List<String> pool = POOLS.get(i % POOLS.size());
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 8; w++) {
                sb.append(w == 0 ? "" : " ").append(pool.get(rnd.nextInt(pool.size())));
            }
            docs.add(sb.toString());
        }
        return docs;
    }
}
