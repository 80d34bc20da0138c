package org.topicj.wordvec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;

/**
 * Reads the static vectors of an installed spaCy v3 pipeline folder ({@code en_core_web_md-3.7.1},
 * or the folder above its {@code vocab/}) without Python: {@code vocab/vectors} is a NumPy
 * float32 array, {@code vocab/key2row} a MessagePack map from 64-bit string hashes to rows,
 * {@code vocab/strings.json} the strings whose hashes (MurmurHash64A, seed 1) are those keys.
 * Nothing pickled is read. Several words may share a row, as in spaCy's pruned vectors.
 */
final class SpacyVectors {
    private SpacyVectors() {
    }

    static WordVectors read(Path folder) {
        Path vocab = Files.isDirectory(folder.resolve("vocab")) ? folder.resolve("vocab") : folder;
        Path vectorsFile = vocab.resolve("vectors");
        Path key2rowFile = vocab.resolve("key2row");
        Path stringsFile = vocab.resolve("strings.json");
        for (Path p : new Path[] {vectorsFile, key2rowFile, stringsFile}) {
            if (!Files.isRegularFile(p)) {
                throw new VectorFileException(folder, null, "not a spaCy pipeline folder with static vectors: " + p
                        + " is missing (give the folder that holds vocab/, e.g. .../en_core_web_md/en_core_web_md-3.7.1)");
            }
        }
        checkMode(vocab.resolve("vectors.cfg"));
        DenseMatrix table;
        try {
            table = Npy.readMatrix(vectorsFile);
        } catch (RuntimeException e) {
            throw new VectorFileException(vectorsFile, "is not a float32 NumPy matrix: " + e.getMessage(), e);
        }
        Map<Long, Integer> keyToRow = readKey2Row(key2rowFile, table.rows());
        Map<String, Integer> rows = new HashMap<>();
        try {
            JsonNode strings = new ObjectMapper().readTree(stringsFile.toFile());
            if (!strings.isArray()) {
                throw new VectorFileException(stringsFile, null, "expected a JSON list of strings");
            }
            for (JsonNode s : strings) {
                String word = s.asText();
                Integer row = keyToRow.get(hash(word));
                if (row != null) {
                    rows.put(word, row);
                }
            }
        } catch (IOException e) {
            throw new VectorFileException(stringsFile, "cannot be read: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new VectorFileException(folder, null, "no string of strings.json has a vector; the pipeline has no static "
                    + "vectors (en_core_web_sm has none: use en_core_web_md or _lg)");
        }
        return WordVectors.of(rows, table.rawData(), table.cols());
    }

    private static void checkMode(Path cfg) {
        if (!Files.isRegularFile(cfg)) {
            return;
        }
        try {
            String mode = new ObjectMapper().readTree(cfg.toFile()).path("mode").asText("default");
            if (!mode.equals("default")) {
                throw new VectorFileException(cfg, null, "vectors in '" + mode + "' mode (hashed subwords) are not supported; "
                        + "only default-mode tables such as en_core_web_md's");
            }
        } catch (IOException e) {
            throw new VectorFileException(cfg, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads srsly's MessagePack map of unsigned 64-bit keys to row numbers. */
    static Map<Long, Integer> readKey2Row(Path file, int tableRows) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int head = in.readUnsignedByte();
            long size;
            if ((head & 0xf0) == 0x80) {
                size = head & 0x0f;
            } else if (head == 0xde) {
                size = in.readUnsignedShort();
            } else if (head == 0xdf) {
                size = in.readInt() & 0xffffffffL;
            } else {
                throw new VectorFileException(file, null, "expected a MessagePack map, found type byte 0x" + Integer.toHexString(head));
            }
            Map<Long, Integer> map = new HashMap<>((int) Math.min(size * 4 / 3 + 1, Integer.MAX_VALUE));
            for (long i = 0; i < size; i++) {
                long key = readUnsigned(in, file);
                long row = readUnsigned(in, file);
                if (row >= tableRows) {
                    throw new VectorFileException(file, "entry " + (i + 1), "row " + row + " but the vectors table has "
                            + tableRows + " rows");
                }
                map.put(key, (int) row);
            }
            return map;
        } catch (EOFException e) {
            throw new VectorFileException(file, null, "ends early; the file is truncated");
        } catch (IOException e) {
            throw new VectorFileException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static long readUnsigned(DataInputStream in, Path file) throws IOException {
        int b = in.readUnsignedByte();
        if (b < 0x80) {
            return b;
        }
        return switch (b) {
            case 0xcc -> in.readUnsignedByte();
            case 0xcd -> in.readUnsignedShort();
            case 0xce -> in.readInt() & 0xffffffffL;
            case 0xcf, 0xd3 -> in.readLong();
            case 0xd0 -> in.readByte();
            case 0xd1 -> in.readShort();
            case 0xd2 -> in.readInt();
            default -> throw new VectorFileException(file, null, "expected an integer, found MessagePack type byte 0x"
                    + Integer.toHexString(b));
        };
    }

    /** spaCy's string hash: MurmurHash64A of the UTF-8 bytes with seed 1, as an unsigned 64-bit value in a long. */
    static long hash(String s) {
        byte[] data = s.getBytes(StandardCharsets.UTF_8);
        final long m = 0xc6a4a7935bd1e995L;
        final int r = 47;
        long h = 1L ^ (data.length * m);
        int blocks = data.length / 8;
        for (int i = 0; i < blocks; i++) {
            long k = 0;
            for (int b = 7; b >= 0; b--) {
                k = (k << 8) | (data[i * 8 + b] & 0xffL);
            }
            k *= m;
            k ^= k >>> r;
            k *= m;
            h ^= k;
            h *= m;
        }
        int tail = blocks * 8;
        int rest = data.length & 7;
        if (rest > 0) {
            for (int b = rest - 1; b >= 0; b--) {
                h ^= (data[tail + b] & 0xffL) << (8 * b);
            }
            h *= m;
        }
        h ^= h >>> r;
        h *= m;
        h ^= h >>> r;
        return h;
    }
}
