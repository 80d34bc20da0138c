package org.topicj.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void denseShapeAndAccess() {
        DenseMatrix m = DenseMatrix.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        assertEquals(3, m.rows());
        assertEquals(2, m.cols());
        assertEquals(4f, m.get(1, 1));
        assertArrayEquals(new float[] {5, 6}, m.row(2));
        assertEquals(DenseMatrix.of(new float[][] {{3, 4}}), m.rowRange(1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(3, 0));
        assertThrows(IllegalArgumentException.class, () -> DenseMatrix.wrap(2, 2, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> DenseMatrix.of(new float[][] {{1, 2}, {3}}));
    }

    @Test
    void vstackAndFiniteness() {
        DenseMatrix a = DenseMatrix.of(new float[][] {{1, 2}});
        DenseMatrix b = DenseMatrix.of(new float[][] {{3, Float.NaN}});
        DenseMatrix s = DenseMatrix.vstack(List.of(a, b));
        assertEquals(2, s.rows());
        assertTrue(a.isFinite());
        assertFalse(s.isFinite());
        assertThrows(IllegalArgumentException.class, () -> DenseMatrix.vstack(List.of(a, DenseMatrix.zeros(1, 3))));
    }

    @Test
    void sparseRoundTripsThroughDense() {
        DenseMatrix d = DenseMatrix.of(new float[][] {{0, 1.5f, 0}, {0, 0, 0}, {2, 0, -1}});
        SparseMatrix s = SparseMatrix.fromDense(d);
        assertEquals(3, s.nonZeros());
        assertEquals(-1f, s.get(2, 2));
        assertEquals(0f, s.get(1, 1));
        assertEquals(d, s.toDense());
    }

    @Test
    void sparseChecksItsInvariants() {
        assertThrows(IllegalArgumentException.class, () -> SparseMatrix.wrap(1, 3, new int[] {0, 2}, new int[] {2, 1}, new float[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> SparseMatrix.wrap(1, 3, new int[] {0, 1}, new int[] {3}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> SparseMatrix.wrap(2, 3, new int[] {0, 1}, new int[] {0}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> SparseMatrix.wrap(1, 3, new int[] {0, 2}, new int[] {0}, new float[] {1}));
    }
}
