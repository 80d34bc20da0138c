package org.topicj.umap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.topicj.matrix.DenseMatrix;
import org.topicj.progress.ProgressListener;

/**
 * Supervised and semi-supervised UMAP (umap-learn's categorical target metric). The fuzzy graph
 * after the intersection with partial labels is compared edge by edge with umap-learn 0.5.3's
 * {@code graph_} on the same 60 points (tools/bertopic_workflows_reference.py, test resource
 * workflows/umap_target.json; float32 arithmetic on both sides, agreement to 1e-6), and the layout is
 * checked for what labels are for: labelled points of one class end up together.
 */
class SupervisedUmapTest {
    private static JsonNode reference() throws IOException {
        try (InputStream in = SupervisedUmapTest.class.getResourceAsStream("/workflows/umap_target.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static DenseMatrix points(JsonNode x) {
        float[][] rows = new float[x.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[x.get(i).size()];
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = (float) x.get(i).get(j).asDouble();
            }
        }
        return DenseMatrix.of(rows);
    }

    @Test
    void intersectedGraphIsUmapLearns() throws IOException {
        JsonNode ref = reference();
        DenseMatrix x = points(ref.get("x"));
        int[] y = ints(ref.get("y"));
        // The intersection itself, from umap-learn's own graph: exact up to float32 rounding.
        FuzzyGraph umapLearns = graph(ref.get("plain"), x.rows());
        assertSameGraph(ref.get("target"), umapLearns.intersectLabels(y, 1.0, 2.5 * (1.0 / (1.0 - 0.5))), "target_weight 0.5", 1e-7);
        assertSameGraph(ref.get("target_weight_0.8"), umapLearns.intersectLabels(y, 1.0, 2.5 * (1.0 / (1.0 - 0.8))),
                "target_weight 0.8", 1e-7);
        // From TopicJ's graph of the same points: its smooth-kNN search stops within umap-learn's tolerance
        // (1e-5 on the membership sum), so weights agree to about 1e-5, and the edges are the same.
        KnnGraph knn = new NearestNeighbors(1).exact(PointSet.of(x, UmapMetric.COSINE), ref.get("n_neighbors").asInt());
        FuzzyGraph plain = FuzzyGraph.build(knn, 1.0, 1.0);
        assertSameGraph(ref.get("plain"), plain, "without labels", 1e-4);
        assertSameGraph(ref.get("target"), plain.intersectLabels(y, 1.0, 2.5 * (1.0 / (1.0 - 0.5))), "TopicJ's graph, target_weight 0.5", 1e-4);
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static FuzzyGraph graph(JsonNode coo, int n) {
        int[] head = ints(coo.get("rows"));
        int[] tail = ints(coo.get("cols"));
        float[] w = new float[head.length];
        for (int e = 0; e < w.length; e++) {
            w[e] = (float) coo.get("values").get(e).asDouble();
        }
        return new FuzzyGraph(n, head, tail, w);
    }

    private static void assertSameGraph(JsonNode expected, FuzzyGraph g, String what, double tolerance) {
        JsonNode rows = expected.get("rows");
        assertEquals(rows.size(), g.head().length, what + ": edges");
        for (int e = 0; e < g.head().length; e++) {
            assertEquals(rows.get(e).asInt(), g.head()[e], what + ": edge " + e + " head");
            assertEquals(expected.get("cols").get(e).asInt(), g.tail()[e], what + ": edge " + e + " tail");
            assertEquals(expected.get("values").get(e).asDouble(), g.weight()[e], tolerance, what + ": edge " + e + " weight");
        }
    }

    /**
     * Three overlapping clouds with two thirds of the points labelled (the reference's data): the
     * labelled points' 5 nearest layout neighbours share their label as often as in umap-learn's
     * layouts (3 seeds each; the bar is umap-learn's worst seed less 0.03), and far more often than
     * without labels.
     */
    @Test
    void labelledPointsClusterByLabelAsInUmapLearn() throws IOException {
        JsonNode q = reference().get("quality");
        DenseMatrix x = points(q.get("x"));
        int[] truth = ints(q.get("truth"));
        int[] partial = ints(q.get("partial"));
        double umapLearnWorst = Double.POSITIVE_INFINITY;
        for (JsonNode v : q.get("semi_supervised")) {
            umapLearnWorst = Math.min(umapLearnWorst, v.asDouble());
        }
        double unsupervisedBest = 0;
        for (JsonNode v : q.get("unsupervised")) {
            unsupervisedBest = Math.max(unsupervisedBest, v.asDouble());
        }
        for (long seed = 0; seed < 3; seed++) {
            Umap umap = Umap.builder().neighbours(15).components(2).seed(seed).build();
            double plain = labelAgreement(umap.fit(x, ProgressListener.NONE).embedding(), truth, partial);
            double supervised = labelAgreement(umap.fit(x, partial, ProgressListener.NONE).embedding(), truth, partial);
            System.out.printf("semi-supervised UMAP, seed %d: label agreement %.3f without labels, %.3f with (umap-learn: %s and %s)%n",
                    seed, plain, supervised, q.get("unsupervised"), q.get("semi_supervised"));
            assertTrue(supervised >= umapLearnWorst - 0.03, "seed " + seed + ": " + supervised + " vs umap-learn's " + umapLearnWorst);
            assertTrue(supervised > unsupervisedBest + 0.15, "seed " + seed + ": labels help: " + plain + " -> " + supervised);
        }
        assertThrows(IllegalArgumentException.class, () -> Umap.builder().build().fit(x, new int[3], ProgressListener.NONE));
    }

    /** Share of the 5 nearest layout neighbours of each labelled point that have its true label. */
    private static double labelAgreement(DenseMatrix e, int[] truth, int[] partial) {
        int n = e.rows();
        int same = 0;
        int labelled = 0;
        for (int i = 0; i < n; i++) {
            if (partial[i] < 0) {
                continue;
            }
            labelled++;
            double[] d = new double[n];
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                double dx = e.get(i, 0) - e.get(j, 0);
                double dy = e.get(i, 1) - e.get(j, 1);
                d[j] = j == i ? Double.POSITIVE_INFINITY : dx * dx + dy * dy;
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
            for (int k = 0; k < 5; k++) {
                same += truth[order[k]] == truth[i] ? 1 : 0;
            }
        }
        return same / (5.0 * labelled);
    }
}
