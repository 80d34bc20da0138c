package org.topicj.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.topicj.io.AtomicFiles;

/**
 * Chat labels on disk, one small UTF-8 file per request, named by the SHA-256 of everything that
 * decides the answer (server, model, settings, system prompt, prompt): a rerun after a failure or
 * an interruption pays only for the topics not labelled yet. No API key is part of a name or a file.
 *
 * <p>Thread-safety: safe for concurrent use; each entry is written atomically.
 */
final class LabelCache {
    private final Path dir;
    private final String identity;

    /**
     * @param dir the cache folder (labels go under {@code dir/chat-labels/})
     * @param identity server, model and settings, without secrets
     */
    LabelCache(Path dir, String identity) {
        this.dir = dir.resolve("chat-labels");
        this.identity = identity;
    }

    String get(String system, String prompt) {
        Path f = file(system, prompt);
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the label cache " + f + ": " + e.getMessage(), e);
        }
    }

    void put(String system, String prompt, String label) {
        Path f = file(system, prompt);
        try {
            Files.createDirectories(f.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the label cache " + f.getParent() + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(f, out -> out.write(label.getBytes(StandardCharsets.UTF_8)));
    }

    private Path file(String system, String prompt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {identity, system, prompt}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            return dir.resolve(hex.substring(0, 2)).resolve(hex + ".txt");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
