package org.topicj.wordvec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A table of static word vectors read from a word2vec (text or binary), GloVe or fastText
 * {@code .vec} file, gzip-compressed or not, or from a spaCy pipeline folder ({@link #readSpacy}). The file is streamed once: memory is the vectors
 * themselves (4 bytes a value) plus the words, never the file's text.
 *
 * <p>Bad files fail with a {@link VectorFileException} that names the file and the line (text) or
 * row (binary): an unknown format, a row whose length disagrees with the header or the first row,
 * a word that appears twice, a value that is not a finite number.
 *
 * <p>Thread-safety: immutable once read.
 */
public final class WordVectors {
    private final Map<String, Integer> rows;
    private final float[] values;
    private final int dimension;

    private WordVectors(Map<String, Integer> rows, float[] values, int dimension) {
        this.rows = rows;
        this.values = values;
        this.dimension = dimension;
    }

    /**
     * Reads a file, choosing the format from its name ({@link VectorFileFormat#ofFile}).
     *
     * @param file the file
     * @return the vectors
     */
    public static WordVectors read(Path file) {
        return read(file, VectorFileFormat.ofFile(file));
    }

    /**
     * Reads a file in the given format.
     *
     * @param file the file, optionally gzip-compressed ({@code .gz})
     * @param format its format
     * @return the vectors
     * @throws VectorFileException if the file is missing or malformed
     */
    public static WordVectors read(Path file, VectorFileFormat format) {
        Objects.requireNonNull(format, "format");
        try (InputStream in = open(file)) {
            return switch (format) {
                case TEXT -> new TextVectorReader(file).read(in);
                case WORD2VEC_BINARY -> new BinaryVectorReader(file).read(in);
            };
        } catch (NoSuchFileException e) {
            throw new VectorFileException(file, null, "no such file; give the path of a word2vec, GloVe or fastText .vec file");
        } catch (IOException e) {
            throw new VectorFileException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the static vectors of an installed spaCy v3 pipeline, such as {@code en_core_web_md}:
     * {@code vocab/vectors} (NumPy), {@code vocab/key2row} (MessagePack) and
     * {@code vocab/strings.json}; nothing pickled.
     *
     * @param folder the pipeline folder (the one holding {@code vocab/}) or its {@code vocab/}
     * @return the vectors of every string that has one
     * @throws VectorFileException if a file is missing or malformed, or the vectors use floret mode
     */
    public static WordVectors readSpacy(Path folder) {
        return SpacyVectors.read(folder);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    /** Takes a reader's map and values as they are (the reader keeps no reference). */
    static WordVectors wrap(Map<String, Integer> rows, float[] values, int dimension) {
        return new WordVectors(rows, values, dimension);
    }

    /**
     * Builds a table from vectors held elsewhere (a model trained in the JVM, a database). Several
     * words may share a row, as in spaCy's pruned vectors.
     *
     * @param rows each word's row
     * @param values the rows' values, row by row; kept, not copied
     * @param dimension values per row
     * @return the table
     * @throws IllegalArgumentException if the sizes disagree, a row is out of range or a value is not finite
     */
    public static WordVectors of(Map<String, Integer> rows, float[] values, int dimension) {
        if (dimension <= 0 || values.length % dimension != 0) {
            throw new IllegalArgumentException(values.length + " values do not make rows of dimension " + dimension);
        }
        int n = values.length / dimension;
        rows.forEach((word, row) -> {
            if (row == null || row < 0 || row >= n) {
                throw new IllegalArgumentException("the word '" + word + "' points to row " + row + " of " + n);
            }
        });
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + (i % dimension + 1) + " of row " + i / dimension + " is " + values[i]);
            }
        }
        return new WordVectors(Map.copyOf(rows), values, dimension);
    }

    /** @return values per word */
    public int dimension() {
        return dimension;
    }

    /** @return number of words */
    public int size() {
        return rows.size();
    }

    /**
     * @param word a word, matched exactly
     * @return true if the table has it
     */
    public boolean contains(String word) {
        return rows.containsKey(word);
    }

    /**
     * @param word a word, matched exactly
     * @return a copy of its vector, or {@code null} if the table lacks it
     */
    public float[] vector(String word) {
        int r = row(word);
        return r < 0 ? null : Arrays.copyOfRange(values, r * dimension, (r + 1) * dimension);
    }

    /** @return the row of a word, or -1 */
    int row(String word) {
        Integer r = rows.get(word);
        return r == null ? -1 : r;
    }

    /** @return the backing values, row by row; not to be modified */
    float[] values() {
        return values;
    }
}
