package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;

/**
 * The input files both sides of a peer benchmark read, written once into a temp folder so TopicJ and
 * the peer see the same bytes: documents (.jsonl), embeddings and points (float32 .npy), and the ONNX
 * models TopicJ bundles, copied out of their jars.
 */
final class PeerInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, Path> written = new HashMap<>();
    private List<String> texts;

    PeerInputs(Path dir) {
        this.dir = dir;
    }

    /** @return the first n debian5k texts, cycled past 5,000 (the synthetic sizes need words for c-TF-IDF) */
    Path docs(int n) {
        return once("docs-" + n + ".jsonl", f -> {
            List<String> all = texts();
            List<String> lines = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                lines.add(JSON.createObjectNode().put("text", all.get(i % all.size())).toString());
            }
            Files.write(f, lines, StandardCharsets.UTF_8);
        });
    }

    /** @return debian5k's all-MiniLM-L6-v2 embeddings, first n rows */
    Path realEmbeddings(int n) {
        return once("minilm-" + n + ".npy", f -> Npy.write(f, rows(Corpus.reference().resolve("debian5k/minilm.npy"), n)));
    }

    /** @return n synthetic 384-d unit vectors: a seeded Gaussian mixture with n / 250 clusters of uneven size, 5% noise */
    Path syntheticEmbeddings(int n) {
        return once("mixture-" + n + ".npy", f -> Npy.write(f, mixture(n, 384, Math.max(20, n / 250), 7)));
    }

    /** @return BERTopic's 5-d UMAP output for debian5k (the hdbscan reference input), first n rows */
    Path umap5d(int n) {
        return once("umap5d-" + n + ".npy", f -> Npy.write(f, rows(Corpus.reference().resolve("hdbscan/debian5k_umap5d.input.npy"), n)));
    }

    /** @return n 5-d points in 50 Gaussian blobs with 2% noise (HdbscanScaling's data) */
    Path blobs(int n) {
        return once("blobs-" + n + ".npy", f -> Npy.write(f, HdbscanScaling.blobs(n, 50, 5, 1)));
    }

    /**
     * @param stem a bundled model's resource stem, e.g. {@code all-minilm-l6-v2-q}
     * @return its ONNX file and tokenizer.json, copied from the jar on the classpath
     */
    Path[] bundledModel(String stem) {
        return new Path[] {resource(stem + ".onnx"), resource(stem + "-tokenizer.json")};
    }

    private Path resource(String name) {
        return once(name, f -> {
            try (InputStream in = PeerInputs.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is not on the classpath (its langchain4j-embeddings jar is a benchmarks dependency)");
                }
                Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            }
        });
    }

    private interface Writer {
        void write(Path file) throws IOException;
    }

    private Path once(String name, Writer w) {
        return written.computeIfAbsent(name, k -> {
            Path f = dir.resolve(k);
            try {
                w.write(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return f;
        });
    }

    private List<String> texts() throws IOException {
        if (texts == null) {
            texts = Corpus.debianTexts();
        }
        return texts;
    }

    private static DenseMatrix rows(Path npy, int n) {
        DenseMatrix m = Npy.readMatrix(npy);
        if (n > m.rows()) {
            throw new IllegalArgumentException(npy + " has " + m.rows() + " rows, " + n + " asked for");
        }
        return m.rowRange(0, n);
    }

    /** Unit vectors around random unit centres, spreads varying by cluster, cluster sizes skewed. */
    static DenseMatrix mixture(int n, int d, int clusters, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        float[] centres = TopicjTask.randomUnitRows(clusters, d, seed).rawData();
        float[] out = new float[n * d];
        double scale = 1 / Math.sqrt(d);
        for (int i = 0; i < n; i++) {
            boolean noise = rnd.nextDouble() < 0.05;
            int c = (int) (clusters * Math.pow(rnd.nextDouble(), 2));
            double spread = noise ? 0 : (0.7 + 0.2 * (c % 4)) * scale;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double v = noise ? rnd.nextGaussian() : centres[c * d + j] + spread * rnd.nextGaussian();
                out[i * d + j] = (float) v;
                norm += v * v;
            }
            for (int j = 0; j < d; j++) {
                out[i * d + j] /= (float) Math.sqrt(norm);
            }
        }
        return DenseMatrix.wrap(n, d, out);
    }
}
