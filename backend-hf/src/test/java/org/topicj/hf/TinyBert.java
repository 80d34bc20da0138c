package org.topicj.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The committed fixture (src/test/resources/tiny-bert, made by its make_fixture.py) and what PyTorch computed from it. */
final class TinyBert {
    static final Path FOLDER = folder();
    static final JsonNode EXPECTED = expected();
    static final int HIDDEN = 32;
    static final int MAX_POSITIONS = 64;

    private TinyBert() {
    }

    static List<String> texts() {
        List<String> texts = new ArrayList<>();
        EXPECTED.get("texts").forEach(t -> texts.add(t.asText()));
        return texts;
    }

    static float[] row(String field, int i) {
        return floats(EXPECTED.get(field).get(i));
    }

    static long[] inputIds(int i) {
        JsonNode ids = EXPECTED.get("input_ids").get(i);
        long[] out = new long[ids.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = ids.get(j).asLong();
        }
        return out;
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) array.get(j).asDouble();
        }
        return out;
    }

    /** Copies the named fixture files into a new folder, renaming where asked ("from=to"). */
    static Path copy(Path target, String... files) throws IOException {
        Files.createDirectories(target);
        for (String f : files) {
            String[] parts = f.split("=");
            Files.copy(FOLDER.resolve(parts[0]), target.resolve(parts.length > 1 ? parts[1] : Path.of(parts[0]).getFileName().toString()));
        }
        return target;
    }

    private static Path folder() {
        try {
            return Path.of(TinyBert.class.getResource("/tiny-bert/model.pt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expected() {
        try {
            return new ObjectMapper().readTree(FOLDER.resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
