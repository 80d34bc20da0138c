package org.topicj.benchmarks;

import java.util.SplittableRandom;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.umap.Umap;
import org.topicj.umap.UmapMetric;
import org.topicj.umap.UmapModel;

/**
 * UMAP fit time by phase with BERTopic's settings (15 neighbours, 5 components, min_dist 0,
 * cosine) on the shared 5,000 x 384 all-MiniLM-L6-v2 embeddings and on 20,000 x 384 points made
 * from them (each original plus three copies with small Gaussian noise, renormalised). TopicJ only:
 * the comparison with umap-learn, measured in the same sitting, is BenchmarkSuite's.
 *
 * <p>{@code UmapScaling FILE.npy ROWS} times the seeded fit on the first ROWS rows of FILE instead.
 */
public final class UmapScaling {
    private UmapScaling() {
    }

    public static void main(String[] args) {
        if (args.length == 2) {
            // UmapScaling FILE.npy ROWS: the seeded fit on the first ROWS rows of any embeddings, after a 20,000-row warm-up.
            DenseMatrix all = Npy.readMatrix(java.nio.file.Path.of(args[0]));
            int rows = Math.min(all.rows(), Integer.parseInt(args[1]));
            Umap umap = Umap.builder().components(5).minDist(0.0).neighbours(15).metric(UmapMetric.COSINE).seed(42).build();
            umap.fit(all.rowRange(0, Math.min(rows, 20_000)));
            report(String.format("%,d x %d, seed 42", rows, all.cols()), umap.fit(all.rowRange(0, rows)));
            return;
        }
        DenseMatrix base = Npy.readMatrix(Corpus.reference().resolve("debian5k/minilm.npy"));
        System.out.printf("cores %d%n", Runtime.getRuntime().availableProcessors());
        Umap umap = Umap.builder().components(5).minDist(0.0).neighbours(15).metric(UmapMetric.COSINE).seed(42).build();
        umap.fit(base); // warm-up (JIT)
        report("5,000 x 384, seed 42", umap.fit(base));
        Umap unseeded = Umap.builder().components(5).minDist(0.0).metric(UmapMetric.COSINE).build();
        report("5,000 x 384, unseeded", unseeded.fit(base));
        DenseMatrix big = enlarge(base, 4);
        report("20,000 x 384, seed 42", umap.fit(big));
        report("20,000 x 384, unseeded", unseeded.fit(big));
    }

    private static void report(String name, UmapModel m) {
        UmapModel.Timings t = m.timings();
        System.out.printf("%-28s total %6.2f s = neighbours %5.2f + graph %5.2f + init %5.2f + optimise %5.2f%n",
                name, t.total(), t.neighbours(), t.graph(), t.init(), t.optimise());
    }

    static DenseMatrix enlarge(DenseMatrix base, int factor) {
        SplittableRandom rnd = new SplittableRandom(1);
        int n = base.rows();
        int d = base.cols();
        float[] out = new float[n * factor * d];
        for (int c = 0; c < factor; c++) {
            for (int i = 0; i < n; i++) {
                double norm = 0;
                int row = (c * n + i) * d;
                for (int j = 0; j < d; j++) {
                    out[row + j] = base.rawData()[i * d + j] + (c == 0 ? 0f : (float) (0.02 * rnd.nextGaussian()));
                    norm += out[row + j] * out[row + j];
                }
                for (int j = 0; j < d; j++) {
                    out[row + j] /= (float) Math.sqrt(norm);
                }
            }
        }
        return DenseMatrix.wrap(n * factor, d, out);
    }
}
