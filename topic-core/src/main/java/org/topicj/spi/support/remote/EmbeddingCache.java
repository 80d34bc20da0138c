package org.topicj.spi.support.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.topicj.io.AtomicFiles;

/**
 * An on-disk cache of remote embeddings: one little-endian float32 file per text, named by the
 * SHA-256 of (provider, model, options, text), so a rerun or an interrupted run pays only for what
 * is missing. Holds no API keys and no texts, only their hashes.
 *
 * <p>Thread-safety: safe; files are written atomically.
 */
final class EmbeddingCache {
    private final Path dir;
    private final String identity;

    /**
     * @param dir the cache folder
     * @param identity provider, model and the options that change vectors, without secrets
     */
    EmbeddingCache(Path dir, String identity) {
        this.dir = dir;
        this.identity = identity;
    }

    private Path file(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(identity.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            String hex = HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
            return dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2) + ".f32");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    float[] get(String text, int dimension) {
        Path f = file(text);
        try {
            if (!Files.isRegularFile(f) || Files.size(f) != 4L * dimension) {
                return null;
            }
            float[] v = new float[dimension];
            ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding cache " + f, e);
        }
    }

    void put(String text, float[] vector) {
        ByteBuffer buf = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(vector);
        AtomicFiles.write(file(text), out -> out.write(buf.array()));
    }
}
