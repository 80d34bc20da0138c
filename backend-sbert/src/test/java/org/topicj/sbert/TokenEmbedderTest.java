package org.topicj.sbert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.topicj.embed.TokenEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.VectorMath;
import org.topicj.progress.ProgressListener;

/** Token-level access to all-MiniLM-L6-v2: the raw pooled transformer output that distillation uses. */
class TokenEmbedderTest {
    private static final List<String> TEXTS = List.of("kernel", "Fonts for the desktop", "A library for parsing XML documents.");

    @Test
    void meanOfTokenIdsNormalisedIsTheSentenceEmbedding() throws Exception {
        try (SentenceTransformerEmbedder e = SentenceTransformerEmbedder.builder().model("all-MiniLM-L6-v2").batchSize(2).build()) {
            assertEquals(384, e.hiddenSize());
            String json = e.tokenizerJson();
            assertTrue(json.contains("\"WordPiece\""), "the bundled tokenizer.json");
            List<int[]> ids = new ArrayList<>();
            try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                    java.util.Map.of("addSpecialTokens", "true", "padding", "false"))) {
                for (String t : TEXTS) {
                    ids.add(Arrays.stream(tok.encode(t).getIds()).mapToInt(l -> (int) l).toArray());
                }
            }
            List<String> tasks = new ArrayList<>();
            DenseMatrix pooled = e.embedTokenIds(ids, TokenEmbedder.Pooling.MEAN, (task, done, total) -> tasks.add(task + " " + done + "/" + total)).toDense();
            DenseMatrix sentences = e.embed(TEXTS).toDense();
            for (int i = 0; i < TEXTS.size(); i++) {
                float[] v = pooled.row(i).clone();
                VectorMath.normalize(v, 0, v.length);
                float[] s = sentences.row(i);
                double dot = 0;
                for (int j = 0; j < v.length; j++) {
                    dot += v[j] * s[j];
                }
                assertEquals(1.0, dot, 1e-5, TEXTS.get(i));
            }
            assertEquals(List.of("embedding tokens 2/3", "embedding tokens 3/3"), tasks);
            DenseMatrix first = e.embedTokenIds(ids.subList(0, 1), TokenEmbedder.Pooling.FIRST, ProgressListener.NONE).toDense();
            assertEquals(384, first.cols());
            assertThrows(IllegalArgumentException.class, () -> e.embedTokenIds(List.of(new int[0]), TokenEmbedder.Pooling.MEAN, null));
        }
    }
}
