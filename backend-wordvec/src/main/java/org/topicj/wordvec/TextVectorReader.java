package org.topicj.wordvec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads text vectors: an optional {@code "count dimension"} header (word2vec text, fastText .vec),
 * then a word and its values per line (GloVe has no header). Words may contain spaces (GloVe 840B
 * has some): the last {@code dimension} fields are the values, the rest is the word.
 */
final class TextVectorReader {
    private final Path file;

    TextVectorReader(Path file) {
        this.file = file;
    }

    WordVectors read(InputStream in) throws IOException {
        // Malformed UTF-8 is an error with its line rather than a silently replaced word.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        int lineNo = 0;
        int expectedRows = -1;
        VectorTableBuilder table = null;
        String line;
        try {
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = fields(line);
                if (table == null) {
                    if (fields.length == 2 && isCount(fields[0]) && isCount(fields[1])) {
                        expectedRows = Integer.parseInt(fields[0]);
                        table = new VectorTableBuilder(file, "line", expectedRows, Integer.parseInt(fields[1]));
                        if (table.dimension() == 0) {
                            throw new VectorFileException(file, "line 1", "the header gives dimension 0");
                        }
                        continue;
                    }
                    if (fields.length < 2) {
                        throw new VectorFileException(file, "line " + lineNo, "expected a word and its values, or a "
                                + "'count dimension' header; is this a word-vector text file?");
                    }
                    table = new VectorTableBuilder(file, "line", -1, fields.length - 1);
                }
                addRow(table, fields, lineNo, expectedRows >= 0);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new VectorFileException(file, "line " + (lineNo + 1), "not UTF-8 text; a binary word2vec file needs "
                    + "format=binary (or the .bin extension)");
        }
        if (table == null) {
            throw new VectorFileException(file, null, "the file is empty");
        }
        if (expectedRows >= 0 && table.rows() != expectedRows) {
            throw new VectorFileException(file, null, "the header says " + expectedRows + " vectors but the file has "
                    + table.rows() + "; the file may be truncated");
        }
        return table.build();
    }

    private void addRow(VectorTableBuilder table, String[] fields, int lineNo, boolean header) {
        int d = table.dimension();
        if (fields.length < d + 1) {
            throw new VectorFileException(file, "line " + lineNo, "has " + (fields.length - 1) + " values but "
                    + (header ? "the header says " : "the first row has ") + d);
        }
        int wordFields = fields.length - d;
        // Extra leading fields are a word with spaces, unless they are numbers: then the row is too long.
        if (wordFields > 1 && isNumber(fields[wordFields - 1])) {
            throw new VectorFileException(file, "line " + lineNo, "has " + (fields.length - 1) + " values but "
                    + (header ? "the header says " : "the first row has ") + d);
        }
        String word = wordFields == 1 ? fields[0] : String.join(" ", java.util.Arrays.copyOf(fields, wordFields));
        float[] row = new float[d];
        for (int j = 0; j < d; j++) {
            String f = fields[wordFields + j];
            try {
                row[j] = Float.parseFloat(f);
            } catch (NumberFormatException e) {
                throw new VectorFileException(file, "line " + lineNo, "value " + (j + 1) + " of '" + word + "' is '" + f
                        + "', not a number");
            }
        }
        table.add(word, row, lineNo);
    }

    /** Splits on runs of spaces and tabs; a hand loop, as a regex split costs a third of the load time. */
    private static String[] fields(String line) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(64);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(String[]::new);
    }

    private static boolean isCount(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    private static boolean isNumber(String s) {
        try {
            Float.parseFloat(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
