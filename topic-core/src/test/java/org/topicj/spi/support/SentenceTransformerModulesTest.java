package org.topicj.spi.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.embed.BackendInitializationException;

/** The folder formats of sentence-transformers 2 to 6 and the prompt rules, read without a model. */
class SentenceTransformerModulesTest {
    @TempDir
    Path dir;

    private Path folder(String pooling, String sbertConfig, String tokenizerConfig) throws Exception {
        Files.writeString(dir.resolve("modules.json"), "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":"
                + "\"sentence_transformers.base.modules.transformer.Transformer\"},{\"idx\":1,\"name\":\"1\",\"path\":"
                + "\"1_Pooling\",\"type\":\"sentence_transformers.sentence_transformer.modules.pooling.Pooling\"}]");
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), pooling);
        if (sbertConfig != null) {
            Files.writeString(dir.resolve("sentence_bert_config.json"), sbertConfig);
        }
        if (tokenizerConfig != null) {
            Files.writeString(dir.resolve("tokenizer_config.json"), tokenizerConfig);
        }
        return dir;
    }

    @Test
    void sentenceTransformers6NamesItsPoolingAndKeepsTheLengthInTheTokenizer() throws Exception {
        Path f = folder("{\"embedding_dimension\": 8, \"pooling_mode\": \"lasttoken\", \"include_prompt\": false}",
                "{\"transformer_task\": \"feature-extraction\"}", "{\"model_max_length\": 16}");
        SentenceTransformerModules m = SentenceTransformerModules.read(f, 512);
        assertEquals(List.of(TokenPooling.LAST_TOKEN), m.orderedPooling());
        assertEquals(16, m.maxSeqLength());
        assertEquals(false, m.includePrompt());
        Files.writeString(f.resolve("1_Pooling/config.json"), "{\"pooling_mode\": [\"cls\", \"mean\"]}");
        assertEquals(List.of(TokenPooling.CLS, TokenPooling.MEAN), SentenceTransformerModules.read(f, 512).orderedPooling());
        Files.writeString(f.resolve("1_Pooling/config.json"), "{\"pooling_mode\": [\"mean\", \"cls\"]}");
        var order = assertThrows(BackendInitializationException.class, () -> SentenceTransformerModules.read(f, 512));
        assertTrue(order.getMessage().contains("concatenated in that order"), order.getMessage());
    }

    @Test
    void olderFoldersKeepTheirFlagsAndMaxSeqLength() throws Exception {
        Path f = folder("{\"word_embedding_dimension\": 8, \"pooling_mode_mean_tokens\": true}",
                "{\"max_seq_length\": 256, \"do_lower_case\": true}", "{\"model_max_length\": 512}");
        SentenceTransformerModules m = SentenceTransformerModules.read(f, 512);
        assertEquals(EnumSet.of(TokenPooling.MEAN), m.pooling());
        assertEquals(256, m.maxSeqLength());
        assertTrue(m.doLowerCase());
        assertEquals(f, SentenceTransformerModules.transformerFolder(f));
    }

    @Test
    void documentsGetTheClusteringPromptElseTheDocumentOne() {
        assertEquals(Optional.of("Clustering"), modules(Map.of("query", "q: ", "document", "title: none | text: ",
                "Clustering", "task: clustering | query: "), null).documentPromptName());
        assertEquals(Optional.of("passage"), modules(Map.of("query", "query: ", "passage", "passage: ", "document", ""), null)
                .documentPromptName());
        assertEquals(Optional.empty(), modules(Map.of("query", "Instruct: ...", "document", ""), null).documentPromptName());
        assertEquals(Optional.of("query"), modules(Map.of("query", "q: "), "query").documentPromptName());
    }

    private static SentenceTransformerModules modules(Map<String, String> prompts, String defaultName) {
        return new SentenceTransformerModules(EnumSet.of(TokenPooling.MEAN), List.of(), true, 128, false, prompts,
                defaultName, true);
    }

    @Test
    void clsPoolingTakesTheFirstTokenTheMaskKeeps() {
        float[] states = {1, 1, 2, 2, 3, 3};
        float[] out = new float[2];
        TokenPooling.CLS.pool(states, 0, new long[] {0, 1, 1}, 0, 3, 2, out, 0);
        assertArrayEquals(new float[] {2, 2}, out);
        TokenPooling.CLS.pool(states, 0, new long[] {0, 0, 0}, 0, 3, 2, out, 0);
        assertArrayEquals(new float[] {1, 1}, out);
    }
}
