package org.topicj.benchmarks;

import java.util.SplittableRandom;
import org.topicj.hdbscan.Hdbscan;
import org.topicj.hdbscan.HdbscanModel;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;

/**
 * HDBSCAN fit time (min_cluster_size 10) on the shared 5-d inputs and on 100,000 and 1,000,000
 * points in 50 Gaussian blobs with 2% uniform noise, next to the hdbscan library's times on this
 * kind of machine as recorded in ../shared/reference/facts.json (Python cannot run here, so those
 * are the recorded figures, not a same-process run). Each fit after one warm-up fit of the same size.
 *
 * <p>Arguments: the sizes of synthetic data to run (default 100000 1000000).
 */
public final class HdbscanScaling {
    private HdbscanScaling() {
    }

    public static void main(String[] args) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("cores %d, max heap %d MiB%n", rt.availableProcessors(), rt.maxMemory() >> 20);
        time("debian5k_umap5d (5,000 x 5)", Npy.readMatrix(Corpus.reference().resolve("hdbscan/debian5k_umap5d.input.npy")), 0.18);
        time("blobs10k (10,000 x 5)", Npy.readMatrix(Corpus.reference().resolve("hdbscan/blobs10k.input.npy")), 0.58);
        String[] sizes = args.length > 0 ? args : new String[] {"100000", "1000000"};
        for (String s : sizes) {
            int n = Integer.parseInt(s);
            time(n + " x 5, 50 blobs", blobs(n, 50, 5, 1), n == 100_000 ? 8.5 : Double.NaN);
        }
    }

    private static void time(String name, DenseMatrix x, double reference) {
        Hdbscan h = Hdbscan.builder().minClusterSize(10).build();
        if (x.rows() <= 200_000) {
            h.fit(x);
        }
        long t0 = System.nanoTime();
        HdbscanModel m = h.fit(x);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-32s %8.2f s  %3d clusters %7d noise%s%n", name, s, m.clusterCount(), m.noiseCount(),
                Double.isNaN(reference) ? "" : String.format("   hdbscan 0.8.40: %.2f s (%.1fx)", reference, reference / s));
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
