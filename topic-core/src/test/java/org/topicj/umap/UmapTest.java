package org.topicj.umap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.SparseMatrix;

/** UMAP on seeded synthetic data: shape, determinism, transform, metrics, bad input. */
class UmapTest {

    /** Points around {@code clusters} random centres in {@code dim} dimensions; label = cluster. */
    static DenseMatrix clusters(int clusters, int per, int dim, double noise, long seed, int[] truth) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] centres = new double[clusters][dim];
        for (double[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = rnd.nextGaussian();
            }
        }
        float[] data = new float[clusters * per * dim];
        for (int i = 0; i < clusters * per; i++) {
            int c = i % clusters;
            if (truth != null) {
                truth[i] = c;
            }
            for (int j = 0; j < dim; j++) {
                data[i * dim + j] = (float) (centres[c][j] + noise * rnd.nextGaussian());
            }
        }
        return DenseMatrix.wrap(clusters * per, dim, data);
    }

    @Test
    void allZeroRowsUnderCosineAreFarFromAllButEachOther() {
        // As umap-learn: distance 1 to every other row, 0 to another zero row (a document with no known word).
        float[] data = clusters(2, 20, 4, 0.1, 1, null).rawData().clone();
        for (int row : new int[] {2, 7, 21}) {
            java.util.Arrays.fill(data, row * 4, row * 4 + 4, 0f);
        }
        UmapModel m = Umap.builder().neighbours(5).seed(3).build().fit(DenseMatrix.wrap(40, 4, data));
        assertTrue(m.embedding().isFinite());
        PointSet points = PointSet.of(DenseMatrix.wrap(40, 4, data), UmapMetric.COSINE);
        assertEquals(0f, points.distance(2, 7), "zero row to zero row");
        assertEquals(1f, points.distance(2, 3), 1e-6f, "zero row to any other");
        assertEquals(1f, points.distance(3, 21), 1e-6f, "any other to zero row");
        PointSet sparse = PointSet.of(org.topicj.matrix.SparseMatrix.fromDense(DenseMatrix.wrap(40, 4, data)), UmapMetric.COSINE);
        assertEquals(0f, sparse.distance(2, 7));
        assertEquals(1f, sparse.distance(2, 3), 1e-6f);
        assertTrue(m.transform(DenseMatrix.zeros(1, 4)).isFinite());
    }

    @Test
    void shapeAndReproducibility() {
        DenseMatrix x = clusters(4, 100, 20, 0.1, 1, null);
        Umap umap = Umap.builder().components(3).seed(7).threads(2).build();
        DenseMatrix a = umap.fit(x).embedding();
        DenseMatrix b = umap.fit(x).embedding();
        assertEquals(400, a.rows());
        assertEquals(3, a.cols());
        assertTrue(a.isFinite());
        assertArrayEquals(a.rawData(), b.rawData(), "same seed: identical, whatever the threads");
        assertArrayEquals(a.rawData(), Umap.builder().components(3).seed(7).threads(1).build().fit(x).embedding().rawData());
        DenseMatrix c = Umap.builder().components(3).seed(8).threads(1).build().fit(x).embedding();
        assertTrue(!java.util.Arrays.equals(a.rawData(), c.rawData()), "another seed gives another layout");
    }

    @Test
    void parallelLayoutIsBitIdenticalForAnyThreadCount() {
        DenseMatrix x = clusters(12, 250, 10, 0.3, 17, null);
        float[] one = Umap.builder().components(5).seed(3).epochs(60).threads(1).build().fit(x).embedding().rawData();
        FuzzyGraph graph = FuzzyGraph.build(new NearestNeighbors(1).exact(PointSet.of(x, UmapMetric.COSINE), 15), 1.0, 1.0);
        assertTrue(EdgeBlocks.of(graph.head(), x.rows()).count() >= 8, "the layout really runs in many blocks");
        for (int threads : new int[] {2, 4, 8}) {
            float[] many = Umap.builder().components(5).seed(3).epochs(60).threads(threads).build().fit(x).embedding().rawData();
            assertArrayEquals(one, many, 0f, "seeded layout with " + threads + " threads");
        }
    }

    @Test
    void edgeBlocksHaveDisjointHeadsAndCoverEveryEdge() {
        int[] from = new int[9000];
        for (int e = 0; e < from.length; e++) {
            from[e] = e / 7;
        }
        EdgeBlocks blocks = EdgeBlocks.of(from, 1300);
        assertEquals(4, blocks.count());
        assertEquals(0, blocks.firstEdge[0]);
        assertEquals(from.length, blocks.firstEdge[blocks.count()]);
        for (int b = 0; b < blocks.count(); b++) {
            for (int e = blocks.firstEdge[b]; e < blocks.firstEdge[b + 1]; e++) {
                assertTrue(blocks.owns(b, from[e]), "edge " + e + " in block " + b);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> EdgeBlocks.of(new int[] {1, 0}, 2));
    }

    @Test
    void separatesClustersAndKeepsNeighbourhoods() {
        int[] truth = new int[600];
        DenseMatrix x = clusters(6, 100, 30, 0.15, 3, truth);
        DenseMatrix y = Umap.builder().components(2).minDist(0.0).seed(1).build().fit(x).embedding();
        assertTrue(LayoutQuality.knnAccuracy(y, truth, 10) > 0.98, "clusters stay apart");
        assertTrue(LayoutQuality.trustworthiness(x, y, 10) > 0.9);
    }

    @Test
    void transformPutsTrainingPointsNearTheirFittedPositions() {
        int[] truth = new int[500];
        DenseMatrix x = clusters(5, 100, 16, 0.1, 5, truth);
        UmapModel model = Umap.builder().components(5).minDist(0.0).seed(2).build().fit(x);
        DenseMatrix fitted = model.embedding();
        DenseMatrix exact = model.transform(x);
        assertArrayEquals(fitted.rawData(), exact.rawData(), "a training row is placed exactly where it was fitted");
        float[] nudged = x.rawData().clone();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < nudged.length; i++) {
            nudged[i] += (float) (0.01 * rnd.nextGaussian());
        }
        DenseMatrix again = model.transform(DenseMatrix.wrap(x.rows(), x.cols(), nudged));
        // Each slightly moved point should land among the fitted points of its own cluster.
        int correct = 0;
        for (int i = 0; i < x.rows(); i++) {
            double best = Double.POSITIVE_INFINITY;
            int label = -1;
            for (int j = 0; j < x.rows(); j++) {
                double s = 0;
                for (int d = 0; d < 5; d++) {
                    double diff = again.get(i, d) - fitted.get(j, d);
                    s += diff * diff;
                }
                if (s < best) {
                    best = s;
                    label = truth[j];
                }
            }
            correct += label == truth[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.98 * x.rows(), correct + " of " + x.rows() + " nudged points land in their own cluster");
        DenseMatrix fresh = model.transform(clusters(5, 4, 16, 0.1, 5, null));
        assertEquals(20, fresh.rows());
        assertTrue(fresh.isFinite());
    }

    @Test
    void aPointLandsInTheSamePlaceAloneOrInAnyBatchAndOnAnyThreadCount() {
        DenseMatrix x = clusters(5, 40, 16, 0.1, 3, null);
        DenseMatrix fresh = clusters(5, 6, 16, 0.1, 9, null);
        for (int threads : new int[] {1, 3}) {
            UmapModel model = Umap.builder().components(4).seed(11).threads(threads).build().fit(x);
            DenseMatrix batch = model.transform(fresh);
            for (int i = 0; i < fresh.rows(); i += 7) {
                DenseMatrix alone = model.transform(fresh.rowRange(i, i + 1));
                assertArrayEquals(batch.row(i), alone.row(0), 0f, "point " + i + " with " + threads + " threads");
            }
            DenseMatrix reversed = model.transform(DenseMatrix.of(java.util.stream.IntStream.range(0, fresh.rows())
                    .mapToObj(r -> fresh.row(fresh.rows() - 1 - r)).toArray(float[][]::new)));
            assertArrayEquals(batch.row(0), reversed.row(fresh.rows() - 1), 0f, "order does not matter");
        }
    }

    @Test
    void curveParametersMatchUmapLearn() {
        double[] zero = CurveParameters.fit(1.0, 0.0);
        assertEquals(1.929, zero[0], 0.01);
        assertEquals(0.7915, zero[1], 0.005);
        double[] tenth = CurveParameters.fit(1.0, 0.1);
        assertEquals(1.577, tenth[0], 0.01);
        assertEquals(0.895, tenth[1], 0.005);
    }

    @Test
    void neighboursAndGraphAreIdenticalForAnyThreadCount() {
        PointSet points = PointSet.of(clusters(8, 250, 16, 0.4, 21, null), UmapMetric.COSINE);
        KnnGraph approx = new NearestNeighbors(1).nnDescent(points, 15, 5, org.topicj.progress.ProgressListener.NONE);
        KnnGraph exact = new NearestNeighbors(1).exact(points, 15);
        FuzzyGraph graph = FuzzyGraph.build(exact, 1.0, 1.0, 1);
        for (int threads : new int[] {2, 3, 8}) {
            NearestNeighbors nn = new NearestNeighbors(threads);
            KnnGraph a = nn.nnDescent(points, 15, 5, org.topicj.progress.ProgressListener.NONE);
            assertArrayEquals(approx.indices(), a.indices(), "NN-descent indices, " + threads + " threads");
            assertArrayEquals(approx.distances(), a.distances(), 0f, "NN-descent distances, " + threads + " threads");
            KnnGraph e = nn.exact(points, 15);
            assertArrayEquals(exact.indices(), e.indices(), "exact indices, " + threads + " threads");
            assertArrayEquals(exact.distances(), e.distances(), 0f, "exact distances, " + threads + " threads");
            FuzzyGraph g = FuzzyGraph.build(exact, 1.0, 1.0, threads);
            assertArrayEquals(graph.head(), g.head(), "graph heads, " + threads + " threads");
            assertArrayEquals(graph.tail(), g.tail(), "graph tails, " + threads + " threads");
            assertArrayEquals(graph.weight(), g.weight(), 0f, "graph weights, " + threads + " threads");
        }
    }

    @Test
    void batchedDistancesEqualOneAtATime() {
        for (UmapMetric metric : UmapMetric.values()) {
            DenseMatrix x = clusters(3, 7, 13, 0.5, 2, null);
            float[] raw = x.rawData();
            for (int i = 0; i < raw.length; i++) {
                raw[i] = Math.abs(raw[i]);
            }
            PointSet points = PointSet.of(x, metric);
            int[] rows = {20, 0, 3, 3, 7, 19, 1};
            float[] out = new float[rows.length];
            points.distances(5, points, rows, rows.length, out);
            for (int s = 0; s < rows.length; s++) {
                assertEquals(points.distance(5, rows[s]), out[s], 0f, metric + " row " + rows[s]);
                assertEquals(points.distance(rows[s], 5), out[s], 0f, metric + " symmetric, row " + rows[s]);
            }
        }
    }

    @Test
    void approximateNeighboursOnLargerInputAndEuclideanMetric() {
        int[] truth = new int[5000];
        DenseMatrix x = clusters(10, 500, 12, 0.2, 9, truth);
        UmapModel m = Umap.builder().components(2).metric(UmapMetric.EUCLIDEAN).seed(3).epochs(100).build().fit(x);
        assertTrue(LayoutQuality.knnAccuracy(m.embedding(), truth, 15) > 0.97);
    }

    @Test
    void hellingerOnSparseCounts() {
        // Two "vocabularies": documents of topic t draw words from their own half of 200 columns.
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 300;
        int[] indptr = new int[n + 1];
        java.util.List<Integer> cols = new java.util.ArrayList<>();
        java.util.List<Float> vals = new java.util.ArrayList<>();
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 2;
            java.util.TreeMap<Integer, Float> row = new java.util.TreeMap<>();
            for (int w = 0; w < 15; w++) {
                int c = truth[i] * 100 + rnd.nextInt(100);
                row.merge(c, 1f, Float::sum);
            }
            row.forEach((c, v) -> {
                cols.add(c);
                vals.add(v);
            });
            indptr[i + 1] = cols.size();
        }
        float[] data = new float[vals.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = vals.get(i);
        }
        SparseMatrix counts = SparseMatrix.wrap(n, 200, indptr, cols.stream().mapToInt(Integer::intValue).toArray(), data);
        Umap umap = Umap.builder().components(2).seed(5).build();
        UmapModel m = umap.fit(counts);
        assertEquals(UmapMetric.HELLINGER, m.metric(), "sparse input defaults to Hellinger");
        assertTrue(LayoutQuality.knnAccuracy(m.embedding(), truth, 10) > 0.95);
        // Sparse and dense Hellinger agree: the same neighbour distances for every point.
        NearestNeighbors nn = new NearestNeighbors(1);
        KnnGraph sparse = nn.exact(PointSet.of(counts, UmapMetric.HELLINGER), 10);
        KnnGraph dense = nn.exact(PointSet.of(counts.toDense(), UmapMetric.HELLINGER), 10);
        assertArrayEquals(dense.distances(), sparse.distances(), 1e-5f);
        // and they are Hellinger distances: check one pair by hand
        float[] p = counts.toDense().row(0);
        float[] q = counts.toDense().row(sparse.indices()[1]);
        double sp = 0;
        double sq = 0;
        for (int j = 0; j < 200; j++) {
            sp += p[j];
            sq += q[j];
        }
        double bc = 0;
        for (int j = 0; j < 200; j++) {
            bc += Math.sqrt(p[j] / sp * q[j] / sq);
        }
        assertEquals(Math.sqrt(1 - bc), sparse.distances()[1], 1e-5);
        assertEquals(5, m.transform(SparseMatrix.fromDense(counts.toDense().rowRange(0, 5))).rows());
    }

    @Test
    void disconnectedInputStillGetsALayout() {
        // Two groups far apart, each smaller than needed to connect them with 5 neighbours.
        DenseMatrix a = clusters(1, 60, 8, 0.05, 1, null);
        float[] data = new float[120 * 8];
        System.arraycopy(a.rawData(), 0, data, 0, a.rawData().length);
        for (int i = 0; i < 60 * 8; i++) {
            data[60 * 8 + i] = a.rawData()[i] + 100;
        }
        DenseMatrix x = DenseMatrix.wrap(120, 8, data);
        int[] components = SpectralLayout.components(FuzzyGraph.build(
                new NearestNeighbors(1).exact(PointSet.of(x, UmapMetric.EUCLIDEAN), 5), 1.0, 1.0));
        assertEquals(1, java.util.Arrays.stream(components).max().getAsInt(), "the graph has two components");
        DenseMatrix y = Umap.builder().neighbours(5).metric(UmapMetric.EUCLIDEAN).seed(1).build().fit(x).embedding();
        assertTrue(y.isFinite());
        int[] truth = new int[120];
        for (int i = 60; i < 120; i++) {
            truth[i] = 1;
        }
        assertTrue(LayoutQuality.knnAccuracy(y, truth, 5) > 0.95);
    }

    @Test
    void badInputIsRejectedClearly() {
        DenseMatrix ok = clusters(2, 20, 4, 0.1, 1, null);
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> Umap.builder().neighbours(15).build().fit(ok.rowRange(0, 10)));
        assertTrue(small.getMessage().contains("more points than n_neighbors (15)"), small.getMessage());

        float[] nan = ok.rawData().clone();
        nan[13] = Float.NaN;
        IllegalArgumentException nanError = assertThrows(IllegalArgumentException.class,
                () -> Umap.builder().build().fit(DenseMatrix.wrap(40, 4, nan)));
        assertTrue(nanError.getMessage().contains("row 3") && nanError.getMessage().contains("NaN"), nanError.getMessage());

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Umap.builder().metric(UmapMetric.HELLINGER).build().fit(ok));
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Umap.builder().minDist(2).spread(1).build());
        assertThrows(IllegalArgumentException.class, () -> Umap.builder().neighbours(1));
        UmapModel m = Umap.builder().neighbours(5).build().fit(ok);
        assertThrows(IllegalArgumentException.class, () -> m.transform(DenseMatrix.zeros(1, 3)));
    }
}
