package org.topicj.model2vec;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The committed Model2Vec fixtures (written by model2vec itself, see make_fixtures.py beside them). */
final class Fixtures {
    private Fixtures() {
    }

    static Path folder(String name) {
        try {
            return Path.of(Fixtures.class.getClassLoader().getResource("model2vec/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
