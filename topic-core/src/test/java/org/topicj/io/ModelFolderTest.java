package org.topicj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-or-nothing folders: staging, swapping, leftovers of killed writers. */
class ModelFolderTest {
    @TempDir
    Path dir;

    @Test
    void aKilledWritersStagingFolderIsRemovedByTheNextWriter() throws IOException {
        Path target = dir.resolve("m");
        // A pid above Linux's maximum (2^22) belongs to no process: the writer that made this is gone.
        Path abandoned = Files.createDirectories(dir.resolve(".m.staging-999999999-1-abc"));
        Files.writeString(abandoned.resolve("half.npy"), "x");
        ModelFolder.replace(target, p -> true, staging -> Files.writeString(staging.resolve("a.txt"), "new"));
        assertFalse(Files.exists(abandoned));
        assertEquals("new", Files.readString(target.resolve("a.txt")));
    }

    @Test
    void aFailedWriterReplacesNothingAndLeavesNothing() throws IOException {
        Path target = dir.resolve("m");
        ModelFolder.replace(target, p -> true, staging -> Files.writeString(staging.resolve("a.txt"), "old"));
        assertThrows(UncheckedIOException.class, () -> ModelFolder.replace(target, p -> true, staging -> {
            Files.writeString(staging.resolve("a.txt"), "half");
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("old", Files.readString(target.resolve("a.txt")));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".staging-")));
        }
    }

    @Test
    void entriesAreReplacedTogetherAndOthersKept() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("mine.txt"), "keep");
        ModelFolder.replaceEntries(out, staging -> {
            Files.writeString(staging.resolve("topics.json"), "1");
            Files.createDirectories(staging.resolve("model"));
            Files.writeString(staging.resolve("model/x"), "1");
        });
        ModelFolder.replaceEntries(out, staging -> {
            Files.writeString(staging.resolve("topics.json"), "2");
            Files.createDirectories(staging.resolve("model"));
            Files.writeString(staging.resolve("model/y"), "2");
        });
        assertEquals("2", Files.readString(out.resolve("topics.json")));
        assertFalse(Files.exists(out.resolve("model/x")), "a sub-folder is replaced whole");
        assertEquals("2", Files.readString(out.resolve("model/y")));
        assertEquals("keep", Files.readString(out.resolve("mine.txt")));
    }
}
