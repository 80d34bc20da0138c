package org.topicj.hdbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topicj.matrix.DenseMatrix;

/** HDBSCAN on seeded synthetic data, and its contract on bad input. */
class HdbscanTest {

    /** {@code clusters} Gaussian blobs of {@code perCluster} points in {@code dim} dimensions plus uniform noise. */
    static DenseMatrix blobs(int clusters, int perCluster, int noise, int dim, long seed, int[] truth) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = clusters * perCluster + noise;
        float[] data = new float[n * dim];
        double[][] centres = new double[clusters][dim];
        for (double[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = rnd.nextDouble(-50, 50);
            }
        }
        for (int i = 0; i < n; i++) {
            boolean isNoise = i >= clusters * perCluster;
            int c = isNoise ? -1 : i / perCluster;
            if (truth != null) {
                truth[i] = c;
            }
            for (int j = 0; j < dim; j++) {
                data[i * dim + j] = (float) (isNoise ? rnd.nextDouble(-60, 60) : centres[c][j] + rnd.nextGaussian());
            }
        }
        return DenseMatrix.wrap(n, dim, data);
    }

    @Test
    void findsKnownBlobs() {
        int[] truth = new int[2050];
        DenseMatrix x = blobs(8, 250, 50, 5, 42, truth);
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build().fit(x);
        assertEquals(8, m.clusterCount());
        assertTrue(Agreement.adjustedRand(m.labels(), truth) > 0.95, "ARI " + Agreement.adjustedRand(m.labels(), truth));
        for (double p : m.probabilities()) {
            assertTrue(p >= 0 && p <= 1);
        }
        for (double o : m.outlierScores()) {
            assertTrue(o >= 0 && o <= 1);
        }
    }

    @Test
    void sameResultForAnyThreadCount() {
        DenseMatrix x = blobs(6, 300, 100, 5, 7, null);
        HdbscanModel one = Hdbscan.builder().minClusterSize(10).threads(1).build().fit(x);
        HdbscanModel four = Hdbscan.builder().minClusterSize(10).threads(4).build().fit(x);
        assertArrayEquals(one.labels(), four.labels());
        assertArrayEquals(one.probabilities(), four.probabilities());
        assertArrayEquals(one.outlierScores(), four.outlierScores());
    }

    @Test
    void predictingTrainingPointsGivesTheirOwnLabels() {
        DenseMatrix x = blobs(5, 200, 30, 5, 3, null);
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build().fit(x);
        int[] labels = m.labels();
        int[] predicted = m.approximatePredict(x).labels();
        int clustered = 0;
        int same = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                clustered++;
                same += predicted[i] == labels[i] ? 1 : 0;
            }
        }
        assertTrue(same >= 0.99 * clustered, same + " of " + clustered + " clustered points predicted into their own cluster");
    }

    @Test
    void membershipRowsAreProbabilities() {
        DenseMatrix x = blobs(4, 150, 40, 3, 11, null);
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build().fit(x);
        DenseMatrix all = m.allPointsMembershipVectors();
        assertEquals(x.rows(), all.rows());
        assertEquals(m.clusterCount(), all.cols());
        checkRows(all);
        DenseMatrix fresh = m.membershipVectors(blobs(4, 10, 5, 3, 11, null));
        assertEquals(m.clusterCount(), fresh.cols());
        checkRows(fresh);
        int[] labels = m.labels();
        int agree = 0;
        int clustered = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                clustered++;
                float[] row = all.row(i);
                int arg = 0;
                for (int j = 1; j < row.length; j++) {
                    arg = row[j] > row[arg] ? j : arg;
                }
                agree += arg == labels[i] ? 1 : 0;
            }
        }
        assertTrue(agree >= 0.95 * clustered, "soft and hard clustering agree on " + agree + " of " + clustered);
    }

    private static void checkRows(DenseMatrix m) {
        for (int i = 0; i < m.rows(); i++) {
            double sum = 0;
            for (float v : m.row(i)) {
                assertTrue(v >= 0 && Float.isFinite(v), "row " + i + " has " + v);
                sum += v;
            }
            assertTrue(sum <= 1 + 1e-5, "row " + i + " sums to " + sum);
        }
    }

    @Test
    void duplicatePointsGiveADefinedResult() {
        DenseMatrix blobs = blobs(3, 100, 0, 4, 5, null);
        float[] data = Arrays.copyOf(blobs.rawData(), blobs.rawData().length + 60 * 4);
        for (int i = 0; i < 60; i++) {
            System.arraycopy(new float[] {100, 100, 100, 100}, 0, data, blobs.rawData().length + i * 4, 4);
        }
        DenseMatrix x = DenseMatrix.wrap(360, 4, data);
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build().fit(x);
        int[] labels = m.labels();
        int dup = labels[300];
        assertTrue(dup >= 0, "the 60 identical points form a cluster");
        for (int i = 300; i < 360; i++) {
            assertEquals(dup, labels[i]);
            assertEquals(1.0, m.probabilities()[i], 1e-12);
        }
        assertEquals(4, m.clusterCount());
        for (double p : m.probabilities()) {
            assertTrue(Double.isFinite(p));
        }
    }

    @Test
    void cosineEqualsEuclideanOnNormalisedRows() {
        DenseMatrix x = blobs(4, 100, 20, 6, 9, null);
        float[] scaled = x.rawData().clone();
        float[] unit = x.rawData().clone();
        for (int i = 0; i < x.rows(); i++) {
            double norm = 0;
            for (int j = 0; j < 6; j++) {
                norm += unit[i * 6 + j] * unit[i * 6 + j];
            }
            for (int j = 0; j < 6; j++) {
                unit[i * 6 + j] /= (float) Math.sqrt(norm);
                scaled[i * 6 + j] *= 1 + (i % 3);
            }
        }
        int[] cosine = Hdbscan.builder().minClusterSize(10).metric(HdbscanMetric.COSINE).build()
                .fit(DenseMatrix.wrap(x.rows(), 6, scaled)).labels();
        int[] euclidean = Hdbscan.builder().minClusterSize(10).build().fit(DenseMatrix.wrap(x.rows(), 6, unit)).labels();
        assertEquals(1.0, Agreement.adjustedRand(cosine, euclidean), 1e-9);
    }

    @Test
    void leafSelectionFindsAtLeastAsManyClustersAsEom() {
        DenseMatrix x = blobs(6, 200, 50, 5, 21, null);
        int eom = Hdbscan.builder().minClusterSize(10).build().fit(x).clusterCount();
        int leaf = Hdbscan.builder().minClusterSize(10).clusterSelectionMethod(ClusterSelectionMethod.LEAF).build().fit(x).clusterCount();
        assertTrue(leaf >= eom, "leaf " + leaf + " < eom " + eom);
    }

    @Test
    void singleBlobNeedsAllowSingleCluster() {
        DenseMatrix one = blobs(1, 300, 0, 3, 2, null);
        assertEquals(1, Hdbscan.builder().minClusterSize(20).allowSingleCluster(true).build().fit(one).clusterCount());
        HdbscanModel split = Hdbscan.builder().minClusterSize(20).build().fit(one);
        assertTrue(split.clusterCount() != 1, "without allow_single_cluster the root is never selected");
    }

    @Test
    void epsilonMergesNearbyClusters() {
        DenseMatrix x = blobs(6, 200, 0, 2, 4, null);
        int plain = Hdbscan.builder().minClusterSize(10).clusterSelectionMethod(ClusterSelectionMethod.LEAF).build().fit(x).clusterCount();
        int merged = Hdbscan.builder().minClusterSize(10).clusterSelectionMethod(ClusterSelectionMethod.LEAF)
                .clusterSelectionEpsilon(30).build().fit(x).clusterCount();
        assertTrue(merged < plain, "epsilon 30 should merge clusters: " + merged + " vs " + plain);
    }

    @Test
    void badInputIsRejectedClearly() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> Hdbscan.builder().minClusterSize(10).build().fit(blobs(1, 5, 0, 2, 1, null)));
        assertTrue(few.getMessage().contains("at least min cluster size = 10"), few.getMessage());
        float[] data = blobs(2, 20, 0, 2, 1, null).rawData().clone();
        data[7] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Hdbscan.builder().build().fit(DenseMatrix.wrap(40, 2, data)));
        assertTrue(nan.getMessage().contains("point 3") && nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Hdbscan.builder().minClusterSize(1));
        float[] zeros = new float[40];
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Hdbscan.builder().metric(HdbscanMetric.COSINE).build().fit(DenseMatrix.wrap(20, 2, zeros)));
        assertTrue(zero.getMessage().contains("all zeros"), zero.getMessage());
        HdbscanModel m = Hdbscan.builder().build().fit(blobs(2, 30, 0, 2, 1, null));
        assertThrows(IllegalArgumentException.class, () -> m.approximatePredict(DenseMatrix.zeros(1, 3)));
    }
}
