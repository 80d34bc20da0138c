package org.topicj.wordvec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;

/** spaCy pipeline folders: string hashes, key2row in MessagePack, shared rows, doc.vector pooling. */
class SpacyVectorsTest {
    @TempDir
    Path dir;

    @Test
    void hashesAreSpacysStringIds() {
        // Values printed by spaCy itself (nlp.vocab.strings[...]), as published in its docs and tutorials.
        assertEquals(Long.parseUnsignedLong("3197928453018144401"), SpacyVectors.hash("coffee"));
        assertEquals(Long.parseUnsignedLong("7962530705879205333"), SpacyVectors.hash("咖啡"));
        assertEquals(Long.parseUnsignedLong("12262475268243743508"), SpacyVectors.hash("猫"));
    }

    /** A pipeline folder as spaCy's Vocab.to_disk writes it, with rows shared as in pruned vectors. */
    private Path pipeline(String mode) throws Exception {
        Path vocab = Files.createDirectories(dir.resolve("en_test_md-3.7.1").resolve("vocab"));
        Files.writeString(vocab.resolve("strings.json"), "[\"\",\"coffee\",\"tea\",\"Tea\",\"cup\",\".\",\"nothing\"]");
        Npy.write(vocab.resolve("vectors"), DenseMatrix.of(new float[][] {{1, 0, 2}, {0, 4, -2}, {3, 3, 3}}));
        Map<Long, Long> key2row = new LinkedHashMap<>();
        key2row.put(SpacyVectors.hash("coffee"), 0L);
        key2row.put(SpacyVectors.hash("tea"), 1L);
        key2row.put(SpacyVectors.hash("Tea"), 1L);
        key2row.put(SpacyVectors.hash("cup"), 2L);
        key2row.put(SpacyVectors.hash("."), 2L);
        key2row.put(SpacyVectors.hash("no-string-for-this"), 0L);
        Files.write(vocab.resolve("key2row"), msgpack(key2row));
        Files.writeString(vocab.resolve("vectors.cfg"), "{\"mode\":\"" + mode + "\"}");
        return vocab.getParent();
    }

    /** A map of unsigned keys (uint64) to rows (fixint), as msgpack-python packs key2row. */
    private static byte[] msgpack(Map<Long, Long> map) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(0xde);
        out.writeShort(map.size());
        for (Map.Entry<Long, Long> e : map.entrySet()) {
            out.writeByte(0xcf);
            out.writeLong(e.getKey());
            out.writeByte(e.getValue().intValue());
        }
        return bytes.toByteArray();
    }

    @Test
    void readsStringsWithVectorsAndSharedRows() throws Exception {
        WordVectors v = WordVectors.readSpacy(pipeline("default"));
        assertEquals(5, v.size(), "coffee, tea, Tea, cup and '.' have vectors");
        assertArrayEquals(v.vector("tea"), v.vector("Tea"));
        assertArrayEquals(new float[] {3, 3, 3}, v.vector("."));
        assertEquals(null, v.vector("nothing"));
    }

    @Test
    void docVectorIsTheMeanOverAllTokensAsSpacy() throws Exception {
        try (Embedder e = Embedders.open("wordvec:spacy:" + pipeline("default"))) {
            // Tokens: coffee, nothing, cup, "." -> (1,0,2) + 0 + (3,3,3) + (3,3,3), divided by 4.
            assertArrayEquals(new float[] {7 / 4f, 6 / 4f, 8 / 4f}, e.embed(List.of("coffee nothing cup.")).toDense().row(0), 1e-6f);
        }
    }

    @Test
    void missingFilesAndFloretModeAreExplained() throws Exception {
        VectorFileException missing = assertThrows(VectorFileException.class, () -> WordVectors.readSpacy(dir));
        assertTrue(missing.getMessage().contains("not a spaCy pipeline folder"), missing.getMessage());
        VectorFileException floret = assertThrows(VectorFileException.class, () -> WordVectors.readSpacy(pipeline("floret")));
        assertTrue(floret.getMessage().contains("'floret' mode"), floret.getMessage());
    }
}
