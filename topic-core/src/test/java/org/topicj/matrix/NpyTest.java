package org.topicj.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy codec on files this test builds; {@link NpyReferenceTest} reads NumPy's own. */
class NpyTest {
    @TempDir
    Path dir;

    @Test
    void writesWhatNumpyWrites() throws IOException {
        Path f = dir.resolve("m.npy");
        Npy.write(f, DenseMatrix.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        byte[] bytes = Files.readAllBytes(f);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertEquals(0, (10 + headerLength) % 64, "data aligned to 64 bytes");
        assertEquals(10 + headerLength + 6 * 4, bytes.length);
        assertEquals('\n', header.charAt(header.length() - 1));
        assertEquals(1, bytes[6], "format version 1.0");
    }

    @Test
    void roundTripsMatricesFloatsAndInts() {
        DenseMatrix m = DenseMatrix.of(new float[][] {{1.5f, -2}, {Float.MIN_VALUE, 3e30f}, {0, 7}});
        Npy.write(dir.resolve("m.npy"), m);
        assertEquals(m, Npy.readMatrix(dir.resolve("m.npy")));
        float[] f = {0.25f, -1f, 3f};
        Npy.writeFloats(dir.resolve("f.npy"), f);
        assertArrayEquals(f, Npy.readFloats(dir.resolve("f.npy")));
        int[] ints = new int[200_000];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = i % 7 - 1;
        }
        Npy.writeInts(dir.resolve("i.npy"), ints);
        assertArrayEquals(ints, Npy.readInts(dir.resolve("i.npy")));
    }

    @Test
    void largeMatrixCrossesChunkBoundaries() {
        float[] data = new float[100_003 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f;
        }
        DenseMatrix m = DenseMatrix.wrap(100_003, 3, data);
        Npy.write(dir.resolve("big.npy"), m);
        assertEquals(m, Npy.readMatrix(dir.resolve("big.npy")));
    }

    @Test
    void readsVersion2HeadersAndInt64Labels() throws IOException {
        byte[] file = npy(2, "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", longs(-1, 0, 5));
        Path f = dir.resolve("labels.npy");
        Files.write(f, file);
        assertArrayEquals(new int[] {-1, 0, 5}, Npy.readInts(f));
    }

    @Test
    void rejectsInt64LabelsOutOfRange() throws IOException {
        Path f = dir.resolve("big.npy");
        Files.write(f, npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", longs(1L << 40)));
        assertThrows(NpyFormatException.class, () -> Npy.readInts(f));
    }

    @Test
    void rejectsNonNpyAndTrailingBytes() throws IOException {
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "id,text\n1,hello\n");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(text));
        assertTrue(e.getMessage().contains("not a NumPy .npy file"), e.getMessage());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, DenseMatrix.of(new float[][] {{1}}));
        out.write(42);
        assertThrows(NpyFormatException.class,
                () -> Npy.readMatrix(new ByteArrayInputStream(out.toByteArray()), "stream"));
    }

    @Test
    void rejectsUnsupportedVersionAndStructuredDtypes() throws IOException {
        Path v4 = dir.resolve("v4.npy");
        Files.write(v4, npy(4, "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 1), }", new byte[0]));
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.readMatrix(v4)).getMessage().contains("version 4.0"));
        Path structured = dir.resolve("s.npy");
        Files.write(structured, npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4]));
        assertThrows(NpyFormatException.class, () -> Npy.readFloats(structured));
    }

    @Test
    void missingFileIsClear() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Npy.readMatrix(dir.resolve("absent.npy")));
        assertTrue(e.getMessage().contains("absent.npy"), e.getMessage());
    }

    @Test
    void failedWriteLeavesNoFileBehind() throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        assertThrows(UncheckedIOException.class, () -> Npy.write(blocker.resolve("m.npy"), DenseMatrix.zeros(1, 1)));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    private static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    private static byte[] npy(int major, String dict, byte[] data) {
        String header = dict + " ".repeat(5) + "\n";
        int lenBytes = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lenBytes + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (lenBytes == 2) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }
}
