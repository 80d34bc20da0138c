package org.topicj.benchmarks;

import java.util.SplittableRandom;
import org.topicj.hdbscan.Hdbscan;
import org.topicj.hdbscan.HdbscanModel;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;

/**
 * HDBSCAN fit time (min_cluster_size 10) on the shared 5-d inputs and on 100,000 and 1,000,000
 * points in 50 Gaussian blobs with 2% uniform noise, each fit after one warm-up fit of the same size.
 * TopicJ only: the comparison with the hdbscan library, measured in the same sitting, is BenchmarkSuite's.
 *
 * <p>Arguments: the sizes of synthetic data to run (default 100000 1000000).
 */
public final class HdbscanScaling {
    private HdbscanScaling() {
    }

    public static void main(String[] args) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("cores %d, max heap %d MiB%n", rt.availableProcessors(), rt.maxMemory() >> 20);
        time("debian5k_umap5d (5,000 x 5)", Npy.readMatrix(Corpus.reference().resolve("hdbscan/debian5k_umap5d.input.npy")));
        time("blobs10k (10,000 x 5)", Npy.readMatrix(Corpus.reference().resolve("hdbscan/blobs10k.input.npy")));
        String[] sizes = args.length > 0 ? args : new String[] {"100000", "1000000"};
        for (String s : sizes) {
            int n = Integer.parseInt(s);
            time(n + " x 5, 50 blobs", blobs(n, 50, 5, 1));
        }
    }

    private static void time(String name, DenseMatrix x) {
        Hdbscan h = Hdbscan.builder().minClusterSize(10).build();
        if (x.rows() <= 200_000) {
            h.fit(x);
        }
        long t0 = System.nanoTime();
        HdbscanModel m = h.fit(x);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-32s %8.2f s  %3d clusters %7d noise%n", name, s, m.clusterCount(), m.noiseCount());
    }

    static DenseMatrix blobs(int n, int clusters, int dim, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] centres = new double[clusters][dim];
        for (double[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = rnd.nextDouble(-100, 100);
            }
        }
        float[] data = new float[n * dim];
        for (int i = 0; i < n; i++) {
            boolean noise = i % 50 == 0;
            double spread = 1 + (i % clusters) % 3;
            for (int j = 0; j < dim; j++) {
                data[i * dim + j] = (float) (noise ? rnd.nextDouble(-110, 110) : centres[i % clusters][j] + spread * rnd.nextGaussian());
            }
        }
        return DenseMatrix.wrap(n, dim, data);
    }
}
