package org.topicj.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.topicj.embed.Embedder;
import org.topicj.hf.OnnxBertFolder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.registry.Embedders;

/**
 * backend-hf's safetensors engine (libtorch through DJL, float32 and bfloat16) against the ONNX
 * path (backend-sbert, ONNX Runtime) on all-MiniLM-L6-v2: the same weights (the safetensors folder
 * is written from the ONNX file's initialisers), the same Debian texts, one process, alternating
 * rounds after a warm-up. Prints documents per second, the ratios of medians, and how close the
 * bfloat16 vectors are to float32.
 *
 * <p>Arguments: [documents (default 1000)] [rounds (default 3)] [batch size (default 32)].
 */
public final class HfThroughput {
    private HfThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String batch = args.length > 2 ? args[2] : "32";
        List<String> texts = Corpus.debianTexts().subList(0, docs);
        Path folder = OnnxBertFolder.allMiniLmL6V2(Files.createTempDirectory("minilm-safetensors").resolve("model"));
        System.out.printf("texts: %d Debian package descriptions, %d rounds, batch %s, %d cores%n", docs, rounds, batch,
                Runtime.getRuntime().availableProcessors());
        Map<String, Embedder> engines = new LinkedHashMap<>();
        try {
            engines.put("onnx (sbert)", Embedders.open("all-MiniLM-L6-v2", Map.of("batch_size", batch)));
            engines.put("safetensors float32", Embedders.open("hf:" + folder, Map.of("batch_size", batch)));
            engines.put("safetensors bfloat16", Embedders.open("hf:" + folder, Map.of("batch_size", batch, "dtype", "bfloat16")));
            List<String> warm = texts.subList(0, Math.min(100, docs));
            engines.values().forEach(e -> e.embed(warm));
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, DenseMatrix> vectors = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                StringBuilder line = new StringBuilder("round " + (r + 1) + ":");
                for (Map.Entry<String, Embedder> e : engines.entrySet()) {
                    long t0 = System.nanoTime();
                    vectors.put(e.getKey(), e.getValue().embed(texts).toDense());
                    double rate = docs / ((System.nanoTime() - t0) / 1e9);
                    rates.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(rate);
                    line.append(String.format(" %s %.1f docs/s;", e.getKey(), rate));
                }
                System.out.println(line);
            }
            double onnx = median(rates.get("onnx (sbert)"));
            double f32 = median(rates.get("safetensors float32"));
            double bf16 = median(rates.get("safetensors bfloat16"));
            System.out.printf("median docs/s: onnx %.1f, safetensors float32 %.1f (%.2fx onnx), bfloat16 %.1f "
                    + "(%.2fx float32)%n", onnx, f32, f32 / onnx, bf16, bf16 / f32);
            cosines("safetensors float32 vs onnx", vectors.get("safetensors float32"), vectors.get("onnx (sbert)"));
            cosines("bfloat16 vs float32", vectors.get("safetensors bfloat16"), vectors.get("safetensors float32"));
        } finally {
            engines.values().forEach(Embedder::close);
        }
    }

    private static void cosines(String what, DenseMatrix a, DenseMatrix b) {
        double min = 1;
        double sum = 0;
        for (int i = 0; i < a.rows(); i++) {
            float[] x = a.row(i);
            float[] y = b.row(i);
            double dot = 0;
            double nx = 0;
            double ny = 0;
            for (int j = 0; j < x.length; j++) {
                dot += (double) x[j] * y[j];
                nx += (double) x[j] * x[j];
                ny += (double) y[j] * y[j];
            }
            double c = dot / Math.sqrt(nx * ny);
            min = Math.min(min, c);
            sum += c;
        }
        System.out.printf("%s: cos min %.6f, mean %.6f%n", what, min, sum / a.rows());
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
