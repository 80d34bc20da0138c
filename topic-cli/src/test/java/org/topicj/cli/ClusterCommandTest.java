package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;

class ClusterCommandTest {
    @TempDir
    Path dir;

    private Path blobs() {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] data = new float[600 * 5];
        for (int i = 0; i < 600; i++) {
            for (int j = 0; j < 5; j++) {
                data[i * 5 + j] = (float) ((i / 200) * 20 + rnd.nextGaussian());
            }
        }
        Path in = dir.resolve("points.npy");
        Npy.write(in, DenseMatrix.wrap(600, 5, data));
        return in;
    }

    @Test
    void writesLabelsProbabilitiesAndMembership() {
        Path in = blobs();
        CliTest.Result r = CliTest.run("cluster", "--input", in.toString(), "--output", dir.resolve("labels.npy").toString(),
                "--min-cluster-size", "15", "--probabilities", dir.resolve("p.npy").toString(),
                "--membership", dir.resolve("m.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("600 points: 3 clusters"), r.err());
        int[] labels = Npy.readInts(dir.resolve("labels.npy"));
        assertEquals(600, labels.length);
        assertEquals(3, Arrays.stream(labels).filter(l -> l >= 0).distinct().count());
        assertEquals(600, Npy.readFloats(dir.resolve("p.npy")).length);
        DenseMatrix m = Npy.readMatrix(dir.resolve("m.npy"));
        assertEquals(600, m.rows());
        assertEquals(3, m.cols());
    }

    @Test
    void leafSelectionAndBadValues() {
        Path in = blobs();
        assertEquals(0, CliTest.run("cluster", "-q", "--input", in.toString(), "--output", dir.resolve("l.npy").toString(),
                "--selection", "leaf", "--min-samples", "5", "--threads", "1").code());
        CliTest.Result bad = CliTest.run("cluster", "--input", in.toString(), "--output", dir.resolve("x.npy").toString(),
                "--selection", "single");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("eom or leaf"), bad.err());
        CliTest.Result tooFew = CliTest.run("cluster", "--input", in.toString(), "--output", dir.resolve("y.npy").toString(),
                "--min-cluster-size", "1000");
        assertEquals(2, tooFew.code());
        assertTrue(tooFew.err().contains("at least min cluster size = 1000"), tooFew.err());
        assertFalse(Files.exists(dir.resolve("y.npy")));
    }
}
