package org.topicj.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.function.Consumer;

/**
 * A topic model in its saved form (the files {@code TopicModel.save} or {@code OnlineTopicModel.save}
 * write: JSON and raw arrays), as
 * bytes that Spark broadcasts to executors, which write them to a local folder and load them. No
 * Java serialization of the model itself: what travels is exactly what a saved model holds.
 *
 * @param id a SHA-256 of the files, so each executor loads each model once
 * @param files relative path to contents
 * @param embedder the embedder executors open to embed texts, or null when the model carries its own
 */
record SavedModelBytes(String id, TreeMap<String, byte[]> files, EmbedderSpecKey embedder) implements Serializable {

    static SavedModelBytes of(Consumer<Path> save, EmbedderSpecKey embedder) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("topicj-model-");
            // Saved into a folder of its own: the save's lock file stays in the temporary folder, deleted with it.
            Path model = dir.resolve("model");
            save.accept(model);
            TreeMap<String, byte[]> files = new TreeMap<>();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (Stream<Path> walk = Files.walk(model)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = model.relativize(p).toString().replace('\\', '/');
                    byte[] bytes = Files.readAllBytes(p);
                    files.put(name, bytes);
                    sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sha.update(bytes);
                }
            }
            return new SavedModelBytes(HexFormat.of().formatHex(sha.digest()), files, embedder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the topic model for broadcasting: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (dir != null) {
                Folders.deleteQuietly(dir);
            }
        }
    }

    /** Writes the files into a new local folder. */
    Path unpack() {
        try {
            Path dir = Files.createTempDirectory("topicj-model-" + id.substring(0, 12) + "-");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = dir.resolve(f.getKey()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalStateException("model file outside its folder: " + f.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the broadcast topic model: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SavedModelBytes[" + id.substring(0, 12) + ", " + files.size() + " files]";
    }
}
