package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.registry.BackendNotFoundException;
import org.topicj.testing.FakeEmbedder;

/** The topicj command line, run in-process against the test-jar's fake backend. */
class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TopicjCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void backendsListsOneLinePerProviderStartingWithItsName() {
        Result r = run("backends");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("fake\\s+rank 900\\s+org\\.topicj:topic-core:test-jar\\s+claims: fake-hash")),
                r.out());
    }

    @Test
    void backendsDetailsDescribesTheEnvironment() {
        Result r = run("backends", "--details");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("default key: all-MiniLM-L6-v2"), r.out());
    }

    @Test
    void embedWritesOneRowPerDocumentInOrder() throws IOException {
        Path in = dir.resolve("docs.jsonl");
        Files.writeString(in, "{\"text\":\"apt package manager\"}\n{\"text\":\"\"}\n{\"text\":\"GNOME desktop fonts\"}\n");
        Path out = dir.resolve("out/e.npy");
        Result r = run("embed", "--embedder", "fake:hash", "--option", "dimension=24", "--input", in.toString(),
                "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("embedded 3 documents with fake:hash into 24 dimensions"), r.err());
        DenseMatrix m = Npy.readMatrix(out);
        assertEquals(3, m.rows());
        assertEquals(24, m.cols());
        try (FakeEmbedder direct = new FakeEmbedder(24, null)) {
            DenseMatrix expected = direct.embed(List.of("apt package manager", "", "GNOME desktop fonts")).toDense();
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected.row(i), m.row(i), "row " + i);
            }
        }
    }

    @Test
    void embedReadsTxtAndCsvAndIsSilentWhenQuiet() throws IOException {
        Path txt = dir.resolve("d.txt");
        Files.writeString(txt, "one\ntwo\n");
        Result r = run("embed", "--quiet", "--embedder", "fake:hash", "--input", txt.toString(), "--output", dir.resolve("t.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(2, Npy.readMatrix(dir.resolve("t.npy")).rows());

        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "id,body\n1,\"a, b\"\n2,c\n3,d\n");
        r = run("embed", "-q", "--embedder", "fake:hash", "--input", csv.toString(), "--text-column", "body",
                "--output", dir.resolve("c.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(3, Npy.readMatrix(dir.resolve("c.npy")).rows());
    }

    @Test
    void malformedInputExitsTwoWithFileAndLineAndWritesNothing() throws IOException {
        Path in = dir.resolve("bad.jsonl");
        Files.writeString(in, "{\"text\":\"fine\"}\n{\"text\":\"broken\"\n");
        Path out = dir.resolve("e.npy");
        Result r = run("embed", "--embedder", "fake:hash", "--input", in.toString(), "--output", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(in + ":2: not valid JSON"), r.err());
        assertFalse(r.err().contains("at org.topicj"), "no stack trace without --verbose");
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the input remains");
        }
    }

    @Test
    void embedWithWordVectorsFromAGloveFile() throws IOException {
        Path glove = dir.resolve("tiny.glove");
        Files.writeString(glove, "apt 1 0\npackage 0 1\nfonts 2 2\n");
        Path in = dir.resolve("docs.txt");
        Files.writeString(in, "apt package\nfonts\nnothing known\n");
        Path out = dir.resolve("w.npy");
        Result r = run("embed", "-q", "--embedder", "wordvec:" + glove, "--option", "pooling=max", "--input", in.toString(),
                "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        DenseMatrix m = Npy.readMatrix(out);
        assertArrayEquals(new float[] {1, 1}, m.row(0));
        assertArrayEquals(new float[] {2, 2}, m.row(1));
        assertArrayEquals(new float[] {0, 0}, m.row(2));
    }

    @Test
    void unknownBackendSaysWhatToAdd() throws IOException {
        Path in = dir.resolve("d.txt");
        Files.writeString(in, "x\n");
        Result r = run("embed", "--embedder", "use:universal-sentence-encoder", "--input", in.toString(),
                "--output", dir.resolve("e.npy").toString());
        assertEquals(2, r.code(), "a key no installed backend serves is bad input, for the caller to fix");
        assertTrue(r.err().contains("add org.topicj:backend-use to your dependencies"), r.err());
        assertTrue(r.err().contains("installed: cohere, fake, fastembed, model2vec, openai, sbert, sklearn, wordvec"), r.err());
    }

    @Test
    void badKeyAndUnsupportedOptionAreBadInput() throws IOException {
        Path in = dir.resolve("d.txt");
        Files.writeString(in, "x\n");
        Result key = run("embed", "--embedder", "fake:hash ", "--input", in.toString(), "--output", dir.resolve("e.npy").toString());
        assertEquals(2, key.code());
        assertTrue(key.err().contains("'fake:hash '"), key.err());
        Result option = run("embed", "--embedder", "fake:hash", "--option", "dimensoin=3", "--input", in.toString(),
                "--output", dir.resolve("e.npy").toString());
        assertEquals(2, option.code());
        assertTrue(option.err().contains("dimensoin"), option.err());
    }

    @Test
    void verboseShowsTheStackTrace() throws IOException {
        Path in = dir.resolve("d.txt");
        Files.writeString(in, "x\n");
        Result r = run("embed", "--verbose", "--embedder", "nope:x", "--input", in.toString(), "--output", dir.resolve("e.npy").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("BackendNotFoundException"), r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("embed", "--input", "x.txt").code(), "missing --output");
        assertEquals(2, run("fit", "--input", "x.txt", "--embedder", "a", "--embeddings", "e.npy", "--output", "o").code(),
                "--embedder and --embeddings are exclusive");
        assertEquals(2, run("no-such-command").code());
    }
}
