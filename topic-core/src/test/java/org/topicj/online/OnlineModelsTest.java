package org.topicj.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.topicj.linalg.SymmetricEigen;
import org.topicj.matrix.DenseMatrix;

/** IncrementalPca against a PCA of all the data at once; MiniBatchKMeans on separated blobs. */
class OnlineModelsTest {
    /** 600 points in a 3-d subspace of R^10, shifted away from the origin. */
    static DenseMatrix subspaceData(long seed) {
        Random r = new Random(seed);
        double[][] basis = new double[3][10];
        for (double[] b : basis) {
            for (int j = 0; j < 10; j++) {
                b[j] = r.nextGaussian();
            }
        }
        float[][] rows = new float[600][10];
        for (float[] row : rows) {
            double[] z = {r.nextGaussian() * 5, r.nextGaussian() * 2, r.nextGaussian()};
            for (int j = 0; j < 10; j++) {
                row[j] = (float) (3 + z[0] * basis[0][j] + z[1] * basis[1][j] + z[2] * basis[2][j]);
            }
        }
        return DenseMatrix.of(rows);
    }

    @Test
    void incrementalPcaFindsWhatOnePcaOfAllTheDataFinds() {
        DenseMatrix x = subspaceData(1);
        IncrementalPca ipca = new IncrementalPca(3);
        for (int start = 0; start < 600; start += 150) {
            ipca.partialFit(x.rowRange(start, start + 150));
        }
        assertEquals(600, ipca.samplesSeen());
        // PCA of everything: eigen-decomposition of the covariance.
        double[] mean = new double[10];
        for (int i = 0; i < 600; i++) {
            for (int j = 0; j < 10; j++) {
                mean[j] += x.get(i, j) / 600.0;
            }
        }
        double[] cov = new double[100];
        for (int i = 0; i < 600; i++) {
            for (int a = 0; a < 10; a++) {
                for (int b = 0; b < 10; b++) {
                    cov[a * 10 + b] += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]);
                }
            }
        }
        double[][] eig = SymmetricEigen.decompose(cov, 10);
        double[] values = eig[0].clone();
        java.util.Arrays.sort(values);
        double[][] state = ipca.state();
        assertArrayEquals(mean, state[0], 1e-4, "the running mean is the mean of everything");
        for (int c = 0; c < 3; c++) {
            assertEquals(Math.sqrt(values[9 - c]), state[1][c], 1e-3 * Math.sqrt(values[9 - c]), "singular value " + c);
        }
        // Projections keep all the variance: the data lie in the 3 components' span.
        DenseMatrix z = ipca.transform(x);
        double kept = 0;
        for (int i = 0; i < 600; i++) {
            for (int c = 0; c < 3; c++) {
                kept += z.get(i, c) * z.get(i, c);
            }
        }
        assertEquals(values[9] + values[8] + values[7], kept, 1e-3 * kept);
        var tooFew = assertThrows(IllegalArgumentException.class, () -> new IncrementalPca(5).partialFit(x.rowRange(0, 3)));
        assertTrue(tooFew.getMessage().contains("needs at least 5"), tooFew.getMessage());
    }

    @Test
    void miniBatchKMeansSeparatesBlobsAndIsSeeded() {
        Random r = new Random(3);
        float[][] rows = new float[400][2];
        int[] truth = new int[400];
        for (int i = 0; i < 400; i++) {
            truth[i] = i % 4;
            rows[i][0] = (float) ((truth[i] % 2) * 20 + r.nextGaussian());
            rows[i][1] = (float) ((truth[i] / 2) * 20 + r.nextGaussian());
        }
        DenseMatrix x = DenseMatrix.of(rows);
        MiniBatchKMeans a = new MiniBatchKMeans(4, 7);
        MiniBatchKMeans b = new MiniBatchKMeans(4, 7);
        for (int start = 0; start < 400; start += 100) {
            assertArrayEquals(a.partialFit(x.rowRange(start, start + 100)), b.partialFit(x.rowRange(start, start + 100)));
        }
        int[] found = a.predict(x);
        int[] clusterOfTruth = new int[4];
        java.util.Arrays.fill(clusterOfTruth, -1);
        for (int i = 0; i < 400; i++) {
            if (clusterOfTruth[truth[i]] < 0) {
                clusterOfTruth[truth[i]] = found[i];
            }
            assertEquals(clusterOfTruth[truth[i]], found[i], "point " + i);
        }
        assertEquals(4, java.util.Arrays.stream(clusterOfTruth).distinct().count());
        assertArrayEquals(found, MiniBatchKMeans.restore(a.state(), 7).predict(x));
    }
}
