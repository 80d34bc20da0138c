package org.topicj.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.topicj.testing.SharedData;

/** Reads files written by NumPy itself ({@code ../shared/reference/npy}). */
class NpyReferenceTest {

    private static float[][] expected() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.reference("npy/expected_values.csv"));
        float[][] out = new float[lines.size()][];
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(",");
            out[i] = new float[parts.length];
            for (int j = 0; j < parts.length; j++) {
                out[i][j] = Float.parseFloat(parts[j]);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32_v1", "f32_v2", "f32_v3", "f64_v1", "f32_fortran", "f32_bigendian"})
    void readsEveryValidVariant(String name) throws IOException {
        float[][] want = expected();
        DenseMatrix m = Npy.readMatrix(SharedData.reference("npy/" + name + ".npy"));
        assertEquals(7, m.rows());
        assertEquals(5, m.cols());
        for (int i = 0; i < want.length; i++) {
            assertArrayEquals(want[i], m.row(i), 1e-6f, name + " row " + i);
        }
    }

    @Test
    void readsEmpty() {
        DenseMatrix m = Npy.readMatrix(SharedData.reference("npy/f32_empty.npy"));
        assertEquals(0, m.rows());
        assertEquals(5, m.cols());
    }

    @Test
    void rejectsIntegersWithConversionHint() {
        Path file = SharedData.reference("npy/i64.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertTrue(e.getMessage().contains("'<i8'") && e.getMessage().contains("astype(numpy.float32)"), e.getMessage());
    }

    @Test
    void rejectsWrongDimensionality() {
        Path oneD = SharedData.reference("npy/f32_1d.npy");
        Path threeD = SharedData.reference("npy/f32_3d.npy");
        NpyFormatException one = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(oneD));
        assertTrue(one.getMessage().contains("shape (5,)"), one.getMessage());
        NpyFormatException three = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(threeD));
        assertTrue(three.getMessage().contains("shape (2, 3, 4)"), three.getMessage());
    }

    @Test
    void rejectsTruncated() {
        Path file = SharedData.reference("npy/truncated.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("needs 140 data bytes"), e.getMessage());
    }

    @Test
    void readsOneDimensionalFloatsAndInts() {
        assertEquals(5, Npy.readFloats(SharedData.reference("npy/f32_1d.npy")).length);
        int[] topics = Npy.readInts(SharedData.reference("ctfidf/topics.npy"));
        assertEquals(5000, topics.length);
        assertTrue(java.util.Arrays.stream(topics).anyMatch(t -> t == -1), "outliers are -1");
    }

    @Test
    void realEmbeddingsRoundTrip(@org.junit.jupiter.api.io.TempDir Path dir) {
        DenseMatrix m = Npy.readMatrix(SharedData.reference("debian5k/minilm.npy"));
        assertEquals(5000, m.rows());
        assertEquals(384, m.cols());
        Path copy = dir.resolve("copy.npy");
        Npy.write(copy, m);
        assertEquals(m, Npy.readMatrix(copy));
    }
}
