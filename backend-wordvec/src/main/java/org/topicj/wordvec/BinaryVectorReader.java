package org.topicj.wordvec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads word2vec's C binary format (also Gensim's {@code save_word2vec_format(binary=True)}): an
 * ASCII {@code "count dimension"} line, then per word its UTF-8 bytes, a space, and
 * {@code dimension} little-endian float32 values, optionally followed by a newline.
 */
final class BinaryVectorReader {
    private static final int MAX_WORD_BYTES = 1 << 16;
    private final Path file;
    // One decoder and one word buffer for the whole file: a large file has millions of words.
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream word = new ByteArrayOutputStream(64);

    BinaryVectorReader(Path file) {
        this.file = file;
    }

    WordVectors read(InputStream in) throws IOException {
        String header = readHeader(in);
        String[] parts = header.strip().split(" +");
        int count;
        int dimension;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            count = Integer.parseInt(parts[0]);
            dimension = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new VectorFileException(file, "line 1", "expected a 'count dimension' header, found '" + abbreviate(header)
                    + "'; is this a word2vec binary file? Text files need format=text");
        }
        if (count < 0 || dimension <= 0) {
            throw new VectorFileException(file, "line 1", "the header gives " + count + " vectors of dimension " + dimension);
        }
        VectorTableBuilder table = new VectorTableBuilder(file, "row", count, dimension);
        byte[] raw = new byte[4 * dimension];
        float[] row = new float[dimension];
        FloatBuffer floats = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int r = 1; r <= count; r++) {
            String word = readWord(in, r);
            if (word == null) {
                throw new VectorFileException(file, null, "the header says " + count + " vectors but the file ends after "
                        + (r - 1) + "; the file may be truncated");
            }
            if (in.readNBytes(raw, 0, raw.length) != raw.length) {
                throw new VectorFileException(file, "row " + r, "the file ends inside the vector of '" + word
                        + "'; the file may be truncated or the header's dimension " + dimension + " wrong");
            }
            floats.rewind().get(row);
            table.add(word, row, r);
        }
        int extra = skipWhitespaceAndPeek(in);
        if (extra >= 0) {
            throw new VectorFileException(file, null, "data continues after the " + count + " vectors the header announces; "
                    + "the header's count or dimension is wrong");
        }
        return table.build();
    }

    private String readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
            if (line.size() > 100) {
                break;
            }
        }
        if (line.size() == 0 && b < 0) {
            throw new VectorFileException(file, null, "the file is empty");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** @return the next word, or null at the end of the file */
    private String readWord(InputStream in, int r) throws IOException {
        word.reset();
        int b = in.read();
        while (b == '\n') {
            b = in.read();
        }
        if (b < 0) {
            return null;
        }
        while (b != ' ') {
            if (b < 0) {
                throw new VectorFileException(file, "row " + r, "the file ends inside a word; the file may be truncated");
            }
            if (word.size() >= MAX_WORD_BYTES) {
                throw new VectorFileException(file, "row " + r, "a word longer than " + MAX_WORD_BYTES + " bytes; the "
                        + "header's dimension may be wrong, or the file is not word2vec binary");
            }
            word.write(b);
            b = in.read();
        }
        try {
            return utf8.decode(ByteBuffer.wrap(word.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new VectorFileException(file, "row " + r, "the word is not valid UTF-8; the header's dimension may be "
                    + "wrong, or the file is not word2vec binary");
        }
    }

    private static int skipWhitespaceAndPeek(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
        } while (b == '\n' || b == ' ' || b == '\r');
        return b;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
