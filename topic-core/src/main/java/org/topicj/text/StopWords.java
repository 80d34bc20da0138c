package org.topicj.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** Stop-word lists. */
public final class StopWords {
    private static final Set<String> ENGLISH = load("english-stop-words.txt");

    private StopWords() {
    }

    /** @return scikit-learn's English stop-word list (318 words), as {@code stop_words="english"} */
    public static Set<String> english() {
        return ENGLISH;
    }

    private static Set<String> load(String resource) {
        try (InputStream in = StopWords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("stop-word list " + resource + " missing from topic-core's jar");
            }
            Set<String> words = new TreeSet<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip());
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
