package org.topicj.wordvec;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The on-disk formats of static word vectors. Any of them may be gzip-compressed ({@code .gz}).
 */
public enum VectorFileFormat {
    /**
     * Text, one word and its values per line, separated by spaces: word2vec's text format and
     * fastText's {@code .vec} (with a {@code "count dimension"} header line) and GloVe (without).
     * The header is recognised by its two integers.
     */
    TEXT,
    /** word2vec's C binary format: a {@code "count dimension"} text line, then each word, a space and its little-endian float32 values. */
    WORD2VEC_BINARY;

    /**
     * Parses an option value.
     *
     * @param name {@code text}, {@code glove}, {@code vec}, {@code word2vec-text}, {@code binary} or {@code word2vec-binary}
     * @return the format
     * @throws IllegalArgumentException for any other name
     */
    public static VectorFileFormat parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text", "glove", "vec", "fasttext", "word2vec-text" -> TEXT;
            case "binary", "bin", "word2vec-binary" -> WORD2VEC_BINARY;
            default -> throw new IllegalArgumentException("unknown word-vector format '" + name
                    + "'; use text (word2vec text, GloVe, fastText .vec) or binary (word2vec .bin)");
        };
    }

    /**
     * Guesses the format from the file name: {@code .bin} (optionally {@code .bin.gz}) is binary,
     * {@code .txt}, {@code .vec}, {@code .glove} and {@code .w2v} are text.
     *
     * @param file the file
     * @return the format
     * @throws VectorFileException for any other name; give the format option then
     */
    public static VectorFileFormat ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".bin")) {
            return WORD2VEC_BINARY;
        }
        if (name.endsWith(".txt") || name.endsWith(".vec") || name.endsWith(".glove") || name.endsWith(".w2v")) {
            return TEXT;
        }
        throw new VectorFileException(file, null, "unknown word-vector format: the name ends in none of .bin, .txt, "
                + ".vec, .glove, .w2v (optionally .gz); give the option format=text or format=binary");
    }
}
