package org.topicj.use;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.topicj.embed.Embedder;
import org.topicj.testing.EmbedderConformanceTest;

/** The shared embedder contract on the USE-shaped fixture model. */
class UseConformanceTest extends EmbedderConformanceTest {
    private static Path model;

    @Override
    protected Embedder createEmbedder() {
        try {
            if (model == null) {
                model = Files.createTempDirectory("use-conformance");
                model.toFile().deleteOnExit();
                new UseFixture(7).export(model.resolve("m"));
            }
            return UseEmbedder.builder().folder(model.resolve("m")).batchSize(3).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
