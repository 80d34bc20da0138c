package org.topicj.sbert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.topicj.embed.BackendInitializationException;

/**
 * A model file: on disk, or a resource inside a jar on the class path (the bundled models).
 *
 * @param file the file, or null for a resource
 * @param resource the class-path resource name, or null for a file
 * @param loader the loader to find the resource with
 */
record ModelBlob(Path file, String resource, ClassLoader loader) {

    static ModelBlob of(Path file) {
        return new ModelBlob(file, null, null);
    }

    static ModelBlob resource(String name, ClassLoader loader) {
        return new ModelBlob(null, name, loader);
    }

    boolean exists() {
        return file != null ? Files.isRegularFile(file) : loader.getResource(resource) != null;
    }

    InputStream open() throws IOException {
        if (file != null) {
            return Files.newInputStream(file);
        }
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new BackendInitializationException("class-path resource '" + resource + "' not found");
        }
        return in;
    }

    byte[] readAll() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    @Override
    public String toString() {
        return file != null ? file.toString() : "classpath:" + resource;
    }
}
