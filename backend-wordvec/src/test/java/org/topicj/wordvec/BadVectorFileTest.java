package org.topicj.wordvec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed file fails with the file, the line (or row) and what to do. */
class BadVectorFileTest {
    @TempDir
    Path dir;

    private String failure(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        VectorFileException e = assertThrows(VectorFileException.class, () -> WordVectors.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
        }
    }

    @Test
    void unknownFormat() throws Exception {
        assertMentions(failure("vectors.dat", "a 1 2\n"), "unknown word-vector format", "format=text");
        assertThrows(IllegalArgumentException.class, () -> VectorFileFormat.parse("pickle"));
    }

    @Test
    void headerDimensionDisagreesWithARow() throws Exception {
        assertMentions(failure("h.txt", "2 3\ncat 1 2 3\ndog 1 2\n"), ":line 3:", "has 2 values but the header says 3");
        assertMentions(failure("long.txt", "2 2\ncat 1 2\ndog 1 2 3\n"), ":line 3:", "has 3 values but the header says 2");
    }

    @Test
    void rowsDisagreeWithoutHeader() throws Exception {
        assertMentions(failure("g.txt", "cat 1 2 3\ndog 1 2\n"), ":line 2:", "the first row has 3");
    }

    @Test
    void headerCountDisagreesWithTheRows() throws Exception {
        assertMentions(failure("c.txt", "3 2\ncat 1 2\ndog 1 2\n"), "header says 3 vectors but the file has 2");
    }

    @Test
    void duplicateWords() throws Exception {
        assertMentions(failure("d.txt", "cat 1 2\ndog 3 4\ncat 5 6\n"), ":line 3:", "'cat' appears again (first at line 1)");
    }

    @Test
    void nanAndGarbageValues() throws Exception {
        assertMentions(failure("n.txt", "cat 1 2\ndog NaN 4\n"), ":line 2:", "value 1 of 'dog' is NaN");
        assertMentions(failure("x.txt", "cat 1 2\ndog 1 two\n"), ":line 2:", "'two', not a number");
    }

    @Test
    void emptyFile() throws Exception {
        assertMentions(failure("e.txt", ""), "empty");
    }

    @Test
    void binaryFileReadAsTextAndTruncatedBinary() throws Exception {
        byte[] bin = {'2', ' ', '2', '\n', 'c', 'a', 't', ' ', 0, 0, (byte) 0x80, (byte) 0x3f, 0, 0, (byte) 0xc0, (byte) 0x7f};
        Path asText = dir.resolve("really-binary.txt");
        Files.write(asText, bin);
        VectorFileException e = assertThrows(VectorFileException.class, () -> WordVectors.read(asText));
        assertMentions(e.getMessage(), "format=binary");
        Path truncated = dir.resolve("t.bin");
        Files.write(truncated, java.util.Arrays.copyOf(bin, 14));
        e = assertThrows(VectorFileException.class, () -> WordVectors.read(truncated));
        assertMentions(e.getMessage(), ":row 1:", "ends inside the vector of 'cat'");
        Path nanBin = dir.resolve("nan.bin");
        Files.write(nanBin, bin);
        e = assertThrows(VectorFileException.class, () -> WordVectors.read(nanBin));
        assertMentions(e.getMessage(), ":row 1:", "value 2 of 'cat' is NaN");
        Path textAsBinary = dir.resolve("text.bin");
        Files.writeString(textAsBinary, "cat 1 2\n");
        e = assertThrows(VectorFileException.class, () -> WordVectors.read(textAsBinary));
        assertMentions(e.getMessage(), "'count dimension' header", "format=text");
    }

    @Test
    void wordsWithSpacesKeepTheirSpaces() throws Exception {
        Path f = dir.resolve("spaces.txt");
        Files.writeString(f, "cat 1 2\nnew york 3 4\n");
        WordVectors v = WordVectors.read(f);
        assertTrue(v.contains("new york"));
    }
}
