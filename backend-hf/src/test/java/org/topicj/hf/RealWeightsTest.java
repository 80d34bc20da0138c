package org.topicj.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.registry.Embedders;
import org.topicj.testing.SharedData;

/**
 * Real weights: all-MiniLM-L6-v2's ONNX initialisers (from its Maven jar) rewritten as a safetensors
 * BERT folder, run by the safetensors engine on the first 500 debian5k texts and compared with
 * sentence-transformers' own vectors of them (256 word pieces, mean, L2): cos >= 0.9999 each.
 */
class RealWeightsTest {
    static final int SAMPLE = 500;

    @TempDir
    Path tmp;

    @Test
    void miniLmFromSafetensorsMatchesSentenceTransformersOnDebianTexts() throws Exception {
        Path docs = SharedData.reference("debian5k/docs.jsonl");
        DenseMatrix reference = Npy.readMatrix(SharedData.reference("debian5k/minilm.npy"));
        List<String> texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(docs)) {
            if (texts.size() < SAMPLE) {
                texts.add(json.readTree(line).get("text").asText());
            }
        }
        Path folder = OnnxBertFolder.allMiniLmL6V2(tmp.resolve("all-MiniLM-L6-v2"));
        try (Embedder e = Embedders.open("hf:" + folder)) {
            assertEquals(384, e.dimension());
            assertEquals(256, ((TransformerEmbedder) e).maxLength());
            long start = System.nanoTime();
            DenseMatrix m = e.embed(texts).toDense();
            double seconds = (System.nanoTime() - start) / 1e9;
            double worst = 1;
            for (int i = 0; i < texts.size(); i++) {
                double c = TinyModels.cosine(reference.row(i), m.row(i));
                worst = Math.min(worst, c);
                assertTrue(c >= 0.9999, "debian5k text " + i + ": cos " + c);
            }
            System.out.printf("all-MiniLM-L6-v2 from safetensors, %d debian5k texts in %.1f s: min cos %.7f%n",
                    texts.size(), seconds, worst);
        }
        try (Embedder bf16 = Embedders.open("hf:" + folder, Map.of("dtype", "bfloat16"))) {
            DenseMatrix m = bf16.embed(texts.subList(0, 100)).toDense();
            double worst = 1;
            for (int i = 0; i < 100; i++) {
                worst = Math.min(worst, TinyModels.cosine(reference.row(i), m.row(i)));
            }
            assertTrue(worst >= 0.999, "bfloat16 min cos " + worst);
            System.out.printf("bfloat16: min cos to sentence-transformers over 100 texts %.6f%n", worst);
        }
    }
}
