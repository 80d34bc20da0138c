package org.topicj.wordvec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.topicj.embed.Embedder;
import org.topicj.testing.EmbedderConformanceTest;

/** The shared embedder contract, on vectors written for the words of the conformance texts. */
class WordVecConformanceTest extends EmbedderConformanceTest {
    @Override
    protected Embedder createEmbedder() {
        try {
            Set<String> words = new LinkedHashSet<>();
            for (String t : TEXTS) {
                words.addAll(java.util.Arrays.asList(t.toLowerCase(java.util.Locale.ROOT).split("\\W+")));
            }
            words.remove("");
            StringBuilder sb = new StringBuilder();
            int i = 0;
            for (String w : words) {
                sb.append(w).append(' ').append(i % 7).append(' ').append(-i).append(' ').append(0.5 * i++).append('\n');
            }
            Path f = Files.createTempFile("conformance", ".txt");
            f.toFile().deleteOnExit();
            Files.writeString(f, sb);
            return WordVecEmbedder.builder(WordVectors.read(f)).lowercase(true).tokenPattern("\\w+").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
