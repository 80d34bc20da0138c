package org.topicj.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
     * @throws CorruptModelException if missing, unreadable, foreign or too new
     */
    public static JsonNode readJson(Path file, String format, int maxVersion) {
        if (Files.isSymbolicLink(file)) {
            throw new CorruptModelException(file, null, "is a symbolic link; a saved model holds only its own files");
        }
        if (!Files.isRegularFile(file)) {
            throw new CorruptModelException(file, null, "is missing: not a saved TopicJ model"
                    + (file.getParent() == null || Files.isDirectory(file.getParent()) ? "" : " (no folder " + file.getParent() + ")"));
        }
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CorruptModelException(file, null, "is not valid JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject() || !format.equals(node.path("format").asText())) {
            throw new CorruptModelException(file, null, "is not a " + format + " file (format: '"
                    + (node == null ? "" : node.path("format").asText()) + "')");
        }
        int version = node.path("version").asInt(-1);
        if (version < 1 || version > maxVersion) {
            throw new CorruptModelException(file, "version", format + " version " + version + "; this TopicJ reads versions 1 to "
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
            throw new CorruptModelException(file, field, "is missing");
        }
        return v;
    }

    /**
     * @param node a JSON object
     * @param field a field that must hold a positive int
     * @param file for the message
     * @return its value
     */
    public static int requirePositiveInt(JsonNode node, String field, Path file) {
        JsonNode v = require(node, field, file);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() <= 0) {
            throw new CorruptModelException(file, field, "expected a positive integer, found " + v);
        }
        return v.asInt();
    }

    /**
     * @param node a JSON object
     * @param field a field that must hold a JSON array
     * @param file for the message
     * @return the array
     */
    public static JsonNode requireArray(JsonNode node, String field, Path file) {
        JsonNode v = require(node, field, file);
        if (!v.isArray()) {
            throw new CorruptModelException(file, field, "expected an array, found " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return v;
    }

    /**
     * @param values an array read from a file
     * @param length the length it must have
     * @param file for the message
     * @return the array
     */
    public static double[] requireLength(double[] values, long length, Path file) {
        if (values.length != length) {
            throw new CorruptModelException(file, null, "holds " + values.length + " values, expected " + length);
        }
        return values;
    }

    /**
     * @param file the file at fault
     * @param field the field at fault
     * @param problem what is wrong
     * @return the exception to throw
     */
    public static CorruptModelException corrupt(Path file, String field, String problem) {
        return new CorruptModelException(file, field, problem);
    }

    /**
     * @param file an array file that must exist, as a regular file (not a link) inside its folder
     * @return the file
     */
    public static Path requireFile(Path file) {
        if (Files.isSymbolicLink(file)) {
            throw new CorruptModelException(file, null, "is a symbolic link; a saved model holds only its own files");
        }
        if (!Files.isRegularFile(file)) {
            throw new CorruptModelException(file, null, "is missing");
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
