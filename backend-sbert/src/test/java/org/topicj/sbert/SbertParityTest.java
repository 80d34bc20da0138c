package org.topicj.sbert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.testing.SharedData;

/**
 * Vectors of the bundled all-MiniLM-L6-v2 against sentence-transformers' own (shared reference:
 * 256-token truncation, masked mean, L2), long texts and edge cases included.
 */
class SbertParityTest {
    private static Embedder embedder;

    @BeforeAll
    static void open() {
        embedder = Embedders.open("all-MiniLM-L6-v2");
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    static List<String> texts(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(json.readTree(line).get("text").asText());
            }
        }
        return out;
    }

    static double cosine(float[] a, float[] b) {
        return org.topicj.matrix.VectorMath.cosine(a, b);
    }

    @Test
    void everyVectorMatchesSentenceTransformers() throws IOException {
        List<String> texts = texts(SharedData.reference("sbert/texts.jsonl"));
        DenseMatrix reference = Npy.readMatrix(SharedData.reference("sbert/minilm.npy"));
        assertEquals(texts.size(), reference.rows());
        DenseMatrix ours = embedder.embed(texts).toDense();
        double worst = 1;
        int worstIndex = -1;
        for (int i = 0; i < texts.size(); i++) {
            double c = cosine(ours.row(i), reference.row(i));
            if (c < worst) {
                worst = c;
                worstIndex = i;
            }
        }
        assertTrue(worst >= 0.9999, "lowest cosine " + worst + " for text " + worstIndex + ": '"
                + (worstIndex >= 0 ? texts.get(worstIndex).substring(0, Math.min(60, texts.get(worstIndex).length())) : "") + "'");
    }

    @Test
    void firstDebianDocumentsMatchTheCorpusVectors() throws IOException {
        List<String> docs = texts(SharedData.reference("debian5k/docs.jsonl")).subList(0, 200);
        DenseMatrix reference = Npy.readMatrix(SharedData.reference("debian5k/minilm.npy"));
        DenseMatrix ours = embedder.embed(docs).toDense();
        for (int i = 0; i < docs.size(); i++) {
            double c = cosine(ours.row(i), reference.row(i));
            assertTrue(c >= 0.9999, "document " + i + " has cosine " + c);
        }
    }
}
