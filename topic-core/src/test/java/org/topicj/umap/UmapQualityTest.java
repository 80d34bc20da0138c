package org.topicj.umap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.testing.SharedData;

/**
 * UMAP on the 5,000 real all-MiniLM-L6-v2 embeddings with BERTopic's settings, judged by the same
 * measures applied, in this run, to umap-learn 0.5.3's own output for the same input.
 */
class UmapQualityTest {
    private static DenseMatrix input;
    private static int[] labels;
    private static UmapModel model;

    @BeforeAll
    static void fit() throws IOException {
        input = Npy.readMatrix(SharedData.reference("debian5k/minilm.npy"));
        ObjectMapper json = new ObjectMapper();
        List<String> sections = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.reference("debian5k/docs.jsonl"))) {
            sections.add(json.readTree(line).get("label").asText());
        }
        TreeMap<String, Integer> ids = new TreeMap<>();
        sections.forEach(s -> ids.put(s, 0));
        int next = 0;
        for (var e : ids.entrySet()) {
            e.setValue(next++);
        }
        labels = sections.stream().mapToInt(ids::get).toArray();
        model = Umap.builder().components(5).minDist(0.0).neighbours(15).metric(UmapMetric.COSINE).seed(42).build().fit(input);
        System.out.println("UMAP 5000 x 384 timings: " + model.timings());
    }

    @Test
    void asTrustworthyAsUmapLearn() {
        DenseMatrix reference = Npy.readMatrix(SharedData.reference("umap/umap_learn_seed42_5d.npy"));
        double ours = LayoutQuality.trustworthiness(input, model.embedding(), 15);
        double theirs = LayoutQuality.trustworthiness(input, reference, 15);
        System.out.printf("trustworthiness k=15: topicj %.4f, umap-learn %.4f%n", ours, theirs);
        assertEquals(0.95, theirs, 0.005, "our measure reproduces the reference figure for umap-learn's layout");
        assertTrue(ours >= theirs - 0.01, "trustworthiness " + ours + " vs umap-learn " + theirs);
    }

    @Test
    void keepsTheLabelsAsWellAsUmapLearn() {
        DenseMatrix reference = Npy.readMatrix(SharedData.reference("umap/umap_learn_seed42_5d.npy"));
        double ours = LayoutQuality.knnAccuracy(model.embedding(), labels, 15);
        double theirs = LayoutQuality.knnAccuracy(reference, labels, 15);
        System.out.printf("15-NN accuracy, 5 folds: topicj %.4f, umap-learn %.4f%n", ours, theirs);
        assertTrue(ours >= theirs - 0.01, "kNN accuracy " + ours + " vs umap-learn " + theirs);
    }

    @Test
    void approximateNeighboursHaveHighRecall() {
        PointSet points = PointSet.of(input, UmapMetric.COSINE);
        NearestNeighbors nn = new NearestNeighbors(Runtime.getRuntime().availableProcessors());
        KnnGraph exact = nn.exact(points, 15);
        KnnGraph approx = nn.nnDescent(points, 15, 42, org.topicj.progress.ProgressListener.NONE);
        long hits = 0;
        for (int i = 0; i < input.rows(); i++) {
            java.util.Set<Integer> truth = new java.util.HashSet<>();
            for (int s = 0; s < 15; s++) {
                truth.add(exact.indices()[i * 15 + s]);
            }
            for (int s = 0; s < 15; s++) {
                hits += truth.contains(approx.indices()[i * 15 + s]) ? 1 : 0;
            }
        }
        double recall = hits / (15.0 * input.rows());
        System.out.printf("NN-descent recall@15: %.4f%n", recall);
        assertTrue(recall >= 0.95, "recall " + recall);
    }
}
