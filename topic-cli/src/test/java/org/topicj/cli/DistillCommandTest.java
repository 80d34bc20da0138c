package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;

/**
 * {@code topicj distill} and {@code topicj embed --embedder model2vec:...} over the bundled
 * all-MiniLM-L6-v2, on the part of its vocabulary that starts with "a" or "b" (quick).
 */
class DistillCommandTest {
    private static final String SMALL_VOCAB = "(?![ab][a-z]*$|\\[CLS\\]$|\\[SEP\\]$)";

    @TempDir
    Path dir;

    @Test
    void distilsAFolderThatEmbedLoads() throws IOException {
        Path model = dir.resolve("static");
        CliTest.Result r = CliTest.run("distill", "--embedder", "all-MiniLM-L6-v2", "--output", model.toString(),
                "--pca-dims", "16", "--token-remove-pattern", SMALL_VOCAB);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("distilled all-MiniLM-L6-v2 into") && r.err().contains("x 16 dimensions"), r.err());
        assertTrue(r.err().contains("embedding tokens"), "progress bar: " + r.err());
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json", "modules.json", "README.md"}) {
            assertTrue(Files.isRegularFile(model.resolve(f)), f);
        }
        Path docs = dir.resolve("d.txt");
        Files.writeString(docs, "a baby bird\nabout a boat\n");
        Path out = dir.resolve("e.npy");
        CliTest.Result e = CliTest.run("embed", "--quiet", "--embedder", "model2vec:" + model, "--input", docs.toString(),
                "--output", out.toString());
        assertEquals(0, e.code(), e.err());
        DenseMatrix m = Npy.readMatrix(out);
        assertEquals(2, m.rows());
        assertEquals(16, m.cols());
    }

    @Test
    void embedDistilsOnTheFlyWithAProgressBar() throws IOException {
        Path docs = dir.resolve("d.txt");
        Files.writeString(docs, "a baby bird\nbanana\n");
        Path out = dir.resolve("e.npy");
        CliTest.Result r = CliTest.run("embed", "--embedder", "model2vec:distill(all-MiniLM-L6-v2)", "--option", "pca_dims=8",
                "--option", "token_remove_pattern=" + SMALL_VOCAB, "--input", docs.toString(), "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("distilling"), r.err());
        assertEquals(8, Npy.readMatrix(out).cols());
    }

    @Test
    void aTakenOutputFolderIsBadInputAndLeftAlone() throws IOException {
        Path taken = dir.resolve("taken");
        Files.createDirectories(taken);
        Files.writeString(taken.resolve("keep.txt"), "mine");
        CliTest.Result r = CliTest.run("distill", "--embedder", "all-MiniLM-L6-v2", "--output", taken.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("not empty"), r.err());
        try (var files = Files.list(taken)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void anEmbedderWithoutTokenAccessIsBadInputAndWritesNothing() {
        Path out = dir.resolve("none");
        CliTest.Result r = CliTest.run("distill", "--embedder", "fake:hash", "--output", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("token-level access"), r.err());
        assertFalse(Files.exists(out));
    }
}
