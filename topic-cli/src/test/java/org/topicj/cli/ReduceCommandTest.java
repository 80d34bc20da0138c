package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;

class ReduceCommandTest {
    @TempDir
    Path dir;

    @Test
    void reducesNpyToNpyReproducibly() {
        SplittableRandom rnd = new SplittableRandom(2);
        float[] data = new float[300 * 16];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) ((i / 16) % 3 + 0.1 * rnd.nextGaussian());
        }
        Path in = dir.resolve("e.npy");
        Npy.write(in, DenseMatrix.wrap(300, 16, data));
        String[] args = {"reduce", "--input", in.toString(), "--output", dir.resolve("r.npy").toString(), "--components", "3",
            "--neighbors", "10", "--metric", "euclidean", "--seed", "7", "--threads", "1"};
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("reduced 300 x 16 to 3 dimensions"), r.err());
        DenseMatrix first = Npy.readMatrix(dir.resolve("r.npy"));
        assertEquals(300, first.rows());
        assertEquals(3, first.cols());
        assertEquals(0, CliTest.run(args).code());
        assertArrayEquals(first.rawData(), Npy.readMatrix(dir.resolve("r.npy")).rawData());
        CliTest.Result bad = CliTest.run("reduce", "--input", in.toString(), "--output", dir.resolve("x.npy").toString(),
                "--metric", "manhattan");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("cosine, euclidean or hellinger"), bad.err());
    }
}
