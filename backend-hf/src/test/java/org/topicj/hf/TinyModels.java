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
import java.util.Map;
import java.util.stream.Stream;
import org.topicj.spi.support.SafeTensors;

/**
 * The committed tiny models (src/test/resources/hf-tiny/ARCH, written by make_fixtures.py with
 * transformers and sentence-transformers) and what those libraries computed from them.
 *
 * @param arch the folder name (the config's model_type)
 * @param folder the model folder
 * @param meta expected.json
 * @param arrays expected.safetensors
 */
public record TinyModels(String arch, Path folder, JsonNode meta, Map<String, SafeTensors.Tensor> arrays) {
    /** Every architecture the safetensors engine supports, one fixture each. */
    public static final List<String> ARCHITECTURES = List.of("bert", "roberta", "xlm-roberta", "distilbert", "mpnet",
            "modernbert", "qwen3", "gemma3_text");

    /** @param arch a folder name @return its fixture */
    public static TinyModels of(String arch) {
        Path folder = root().resolve(arch);
        try {
            JsonNode meta = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
            return new TinyModels(arch, folder, meta, SafeTensors.read(folder.resolve("expected.safetensors")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the folder holding every fixture */
    public static Path root() {
        try {
            return Path.of(TinyModels.class.getResource("/hf-tiny/make_fixtures.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the texts */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        meta.get("texts").forEach(t -> out.add(t.asText()));
        return out;
    }

    /** @return the hidden size */
    public int hidden() {
        return meta.get("hidden_size").asInt();
    }

    /** @param i a text @return transformers' token ids for it */
    public long[] inputIds(int i) {
        JsonNode ids = meta.get("input_ids").get(i);
        long[] out = new long[ids.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = ids.get(j).asLong();
        }
        return out;
    }

    /** @param name an array name @return it */
    public SafeTensors.Tensor array(String name) {
        SafeTensors.Tensor t = arrays.get(name);
        if (t == null) {
            throw new IllegalArgumentException(arch + " has no expected array '" + name + "'; it has " + arrays.keySet());
        }
        return t;
    }

    /** @param name an array of vectors @param row a row @return that row */
    public float[] row(String name, int row) {
        SafeTensors.Tensor t = array(name);
        int d = (int) t.shape()[t.shape().length - 1];
        float[] out = new float[d];
        System.arraycopy(t.values(), row * d, out, 0, d);
        return out;
    }

    /** Copies the fixture into a new folder (to edit its config or files). */
    public Path copyTo(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(folder.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    /** @return cosine similarity */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** @return the largest absolute difference */
    public static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
