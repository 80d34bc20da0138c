package org.topicj.umap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.progress.ProgressListener;
import org.topicj.testing.SharedData;

class GraphSearchTest {
    private static final int K = 15;

    /** Points around 40 random centres. */
    private static DenseMatrix clustered(int n, int dim, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] centres = new float[40][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) rnd.nextGaussian();
            }
        }
        float[] data = new float[n * dim];
        for (int i = 0; i < n; i++) {
            float[] c = centres[rnd.nextInt(centres.length)];
            for (int d = 0; d < dim; d++) {
                data[i * dim + d] = c[d] + (float) (0.3 * rnd.nextGaussian());
            }
        }
        return DenseMatrix.wrap(n, dim, data);
    }

    @Test
    void findsNearlyAllTrueNeighboursOfNewPointsInRealEmbeddings() {
        // all-MiniLM-L6-v2 vectors of the 5,000 Debian descriptions: 4,000 to search, 1,000 new points.
        DenseMatrix e = Npy.readMatrix(SharedData.reference("debian5k/minilm.npy"));
        PointSet training = PointSet.of(e.rowRange(0, 4_000), UmapMetric.COSINE);
        PointSet queries = PointSet.of(e.rowRange(4_000, 5_000), UmapMetric.COSINE);
        NearestNeighbors nn = new NearestNeighbors(2);
        KnnGraph graph = nn.nnDescent(training, K, 7, ProgressListener.NONE);
        KnnGraph found = GraphSearch.over(training, graph.indices(), K, 2).query(queries, K);
        KnnGraph exact = nn.exactQuery(training, queries, K, false);
        long hits = 0;
        for (int q = 0; q < queries.n; q++) {
            int[] truth = Arrays.copyOfRange(exact.indices(), q * K, (q + 1) * K);
            Arrays.sort(truth);
            for (int s = 0; s < K; s++) {
                hits += Arrays.binarySearch(truth, found.indices()[q * K + s]) >= 0 ? 1 : 0;
            }
            for (int s = 1; s < K; s++) {
                assertTrue(found.distances()[q * K + s - 1] <= found.distances()[q * K + s], "row " + q + " is not ascending");
            }
        }
        double recall = (double) hits / (queries.n * K);
        assertTrue(recall >= 0.95, "recall@15 " + recall);
    }

    @Test
    void aPointGetsTheSameNeighboursAloneOrInABatchOnAnyThreadCount() {
        PointSet training = PointSet.of(clustered(9_000, 16, 3), UmapMetric.COSINE);
        DenseMatrix q = clustered(300, 16, 4);
        KnnGraph graph = new NearestNeighbors(2).nnDescent(training, K, 7, ProgressListener.NONE);
        KnnGraph batch = GraphSearch.over(training, graph.indices(), K, 2).query(PointSet.of(q, UmapMetric.COSINE), K);
        GraphSearch oneThread = GraphSearch.over(training, graph.indices(), K, 1);
        for (int i : new int[] {0, 17, 299}) {
            KnnGraph alone = oneThread.query(PointSet.of(q.rowRange(i, i + 1), UmapMetric.COSINE), K);
            assertArrayEquals(Arrays.copyOfRange(batch.indices(), i * K, (i + 1) * K), alone.indices(), "point " + i);
            assertArrayEquals(Arrays.copyOfRange(batch.distances(), i * K, (i + 1) * K), alone.distances(), "point " + i);
        }
    }

    @Test
    void aLargeModelPlacesItsTrainingPointsWhereTheFitDidAndNewPointsTheSameInAnyBatch() {
        DenseMatrix data = clustered(UmapModel.EXACT_QUERY_BELOW + 500, 16, 5);
        UmapModel model = Umap.builder().components(2).seed(42).epochs(30).build().fit(data);
        DenseMatrix again = model.transform(data.rowRange(0, 400));
        for (int i = 0; i < 400; i++) {
            assertArrayEquals(model.embedding().row(i), again.row(i), "training point " + i);
        }
        DenseMatrix fresh = clustered(200, 16, 6);
        DenseMatrix batch = model.transform(fresh);
        DenseMatrix alone = model.transform(fresh.rowRange(150, 151));
        assertArrayEquals(batch.row(150), alone.row(0));
    }
}
