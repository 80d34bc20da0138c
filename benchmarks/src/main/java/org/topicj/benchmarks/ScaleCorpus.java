package org.topicj.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * ScaleFit's documents: the distinct, non-empty summaries of package lists (tab-separated, a header
 * line with a column whose name starts with {@code summary}), in a seeded shuffle so that the first
 * {@code n} are a random sample of the whole at every size. A leading {@code [tested here: ...]}
 * note (the tool library's own, not the authors' words) is dropped.
 */
final class ScaleCorpus {
    private ScaleCorpus() {
    }

    /**
     * @param files the package lists, read in order
     * @param seed the shuffle's seed
     * @return the distinct summaries, shuffled
     */
    static List<String> read(List<Path> files, long seed) throws IOException {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (Path f : files) {
            readInto(f, distinct);
        }
        List<String> texts = new ArrayList<>(distinct);
        Collections.shuffle(texts, new java.util.Random(seed));
        return texts;
    }

    private static void readInto(Path file, LinkedHashSet<String> out) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            int column = summaryColumn(file, header);
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] cells = line.split("\t", -1);
                if (cells.length > column) {
                    String text = withoutNote(cells[column]).strip();
                    if (!text.isEmpty()) {
                        out.add(text);
                    }
                }
            }
        }
    }

    private static int summaryColumn(Path file, String header) {
        if (header != null) {
            String[] names = header.split("\t", -1);
            for (int i = 0; i < names.length; i++) {
                if (names[i].startsWith("summary")) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException(file + ": line 1 has no column named summary...; give a package list "
                + "such as the tool library's env/packages/pypi.tsv");
    }

    private static String withoutNote(String summary) {
        if (summary.startsWith("[tested here:")) {
            int end = summary.indexOf(']');
            return end < 0 ? "" : summary.substring(end + 1);
        }
        return summary;
    }

    /** @return SHA-256 of the texts, one per line: what an embeddings file records it was made from */
    static String fingerprint(List<String> texts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String t : texts) {
                d.update(t.getBytes(StandardCharsets.UTF_8));
                d.update((byte) '\n');
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
