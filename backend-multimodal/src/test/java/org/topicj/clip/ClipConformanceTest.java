package org.topicj.clip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.topicj.embed.Embedder;
import org.topicj.testing.EmbedderConformanceTest;

/** The shared embedder contract on the tiny CLIP's text tower. */
class ClipConformanceTest extends EmbedderConformanceTest {
    private static Path model;

    @Override
    protected Embedder createEmbedder() {
        try {
            if (model == null) {
                model = new ClipFixtures(3).write(Files.createTempDirectory("clip-conformance").resolve("m"), false);
            }
            return ClipEmbedder.builder().folder(model).batchSize(3).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
