package org.topicj.wordvec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Collects rows while a file is read, checking each: length, duplicates, finiteness. */
final class VectorTableBuilder {
    private static final long MAX_VALUES = Integer.MAX_VALUE - 16;
    private final Path file;
    private final Map<String, Integer> seen = new HashMap<>();
    private final String unit;
    private int[] places = new int[1024];
    private final int dimension;
    private float[] values;
    private int rows;

    /** @param unit "line" for text files, "row" for binary ones */
    VectorTableBuilder(Path file, String unit, int expectedRows, int dimension) {
        this.file = file;
        this.unit = unit;
        this.dimension = dimension;
        long capacity = dimension > 0 ? Math.min((long) Math.max(expectedRows, 16) * dimension, MAX_VALUES) : 1024;
        this.values = new float[(int) capacity];
    }

    int dimension() {
        return dimension;
    }

    /**
     * Adds a row.
     *
     * @param place the line (text) or row (binary) number, 1-based, for messages
     * @param row the values, {@link #dimension()} of them
     */
    void add(String word, float[] row, int place) {
        String where = unit + " " + place;
        if (word.isEmpty()) {
            throw new VectorFileException(file, where, "the word is empty");
        }
        for (int j = 0; j < row.length; j++) {
            if (!Float.isFinite(row[j])) {
                throw new VectorFileException(file, where, "value " + (j + 1) + " of '" + word + "' is " + row[j]
                        + "; every value must be a finite number");
            }
        }
        Integer first = seen.putIfAbsent(word, rows);
        if (first != null) {
            throw new VectorFileException(file, where, "the word '" + word + "' appears again (first at " + unit + " " + places[first]
                    + "); a vector file lists each word once");
        }
        long needed = (long) (rows + 1) * dimension;
        if (needed > MAX_VALUES) {
            throw new VectorFileException(file, where, "more than " + MAX_VALUES + " values; split the file or keep its most "
                    + "frequent words");
        }
        if (needed > values.length) {
            values = Arrays.copyOf(values, (int) Math.min(Math.max(needed, (long) values.length * 2), MAX_VALUES));
        }
        System.arraycopy(row, 0, values, rows * dimension, dimension);
        if (rows == places.length) {
            places = Arrays.copyOf(places, rows * 2);
        }
        places[rows] = place;
        rows++;
    }

    int rows() {
        return rows;
    }

    WordVectors build() {
        if (rows == 0) {
            throw new VectorFileException(file, null, "no vectors in the file");
        }
        // No copies when the header gave the size: a large file's table exists once.
        float[] table = values.length == rows * dimension ? values : Arrays.copyOf(values, rows * dimension);
        return WordVectors.wrap(seen, table, dimension);
    }
}
