package org.topicj.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.topicj.TopicJException;

/**
 * Reading and writing the JSON descriptors of saved models, with checks that give clear errors
 * for missing, foreign or corrupt files. Saved models are JSON plus {@code .npy} arrays: no Java
 * serialization, nothing executable.
 */
public final class ModelFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFiles() {
    }

    /** @return a new JSON object node */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** @return the shared mapper (for converting values) */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /**
     * @param file where to write, atomically
     * @param node the content
     */
    public static void writeJson(Path file, JsonNode node) {
        AtomicFiles.write(file, out -> JSON.writeValue(new java.io.FilterOutputStream(out) {
            @Override
            public void close() {
                // AtomicFiles closes the stream
            }
        }, node));
    }

    /**
     * Reads a descriptor and checks its {@code format} and {@code version}.
     *
     * @param file the descriptor
     * @param format expected format name
     * @param maxVersion newest version this code reads
     * @return the parsed JSON
     * @throws TopicJException if missing, unreadable, foreign or too new
     */
    public static JsonNode readJson(Path file, String format, int maxVersion) {
        if (!Files.isRegularFile(file)) {
            throw new TopicJException("not a saved TopicJ model: " + file + " is missing"
                    + (Files.isDirectory(file.getParent()) ? "" : " (no folder " + file.getParent() + ")"));
        }
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TopicJException("corrupt model file " + file + ": " + e.getMessage(), e);
        }
        if (node == null || !format.equals(node.path("format").asText())) {
            throw new TopicJException(file + " is not a " + format + " file (format: '" + (node == null ? "" : node.path("format").asText())
                    + "')");
        }
        int version = node.path("version").asInt(-1);
        if (version < 1 || version > maxVersion) {
            throw new TopicJException(file + " has " + format + " version " + version + "; this TopicJ reads versions 1 to "
                    + maxVersion + (version > maxVersion ? "; upgrade TopicJ" : ""));
        }
        return node;
    }

    /**
     * @param node a JSON object
     * @param field a field that must be present
     * @param file for the message
     * @return the field's value
     */
    public static JsonNode require(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new TopicJException("corrupt model file " + file + ": field '" + field + "' is missing");
        }
        return v;
    }

    /**
     * @param file an array file that must exist
     * @return the file
     */
    public static Path requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TopicJException("corrupt saved model: " + file + " is missing");
        }
        return file;
    }

    /**
     * Deletes a folder and everything in it, deepest entries first; nothing happens if it is absent.
     *
     * @param dir the folder (or a single file)
     * @throws IOException if an entry cannot be deleted
     */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> entries = Files.walk(dir)) {
            for (Path p : entries.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Creates a folder, reporting failures unchecked. @param dir the folder @return it */
    public static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
