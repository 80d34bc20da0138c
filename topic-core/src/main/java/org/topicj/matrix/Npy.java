package org.topicj.matrix;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.topicj.io.AtomicFiles;

/**
 * Reads and writes NumPy {@code .npy} files, so embeddings, coordinates and labels move between
 * Python and Java unchanged.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0, little- or big-endian, C or Fortran order.
 * Matrices and float vectors accept float32 and float64 (float64 is rounded to float32, TopicJ's
 * working precision); label vectors accept int32 and int64. Anything else (other dtypes, wrong
 * number of dimensions, a truncated or over-long file) is rejected with a {@link NpyFormatException}
 * that names the file and says how to convert it.
 *
 * <p>Writing produces little-endian, C-order, version 1.0 files (2.0 for huge headers), written to
 * a temporary file first and moved into place, so a failure never leaves a half-written file.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class Npy {
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /**
     * Reads a 2-d float32 or float64 array as a matrix.
     *
     * @param file the {@code .npy} file
     * @return the matrix
     * @throws NpyFormatException if the file is not a 2-d float array
     * @throws UncheckedIOException if the file cannot be read
     */
    public static DenseMatrix readMatrix(Path file) {
        return read(file, in -> readMatrix(in, file.toString()));
    }

    /**
     * Refuses a header whose shape needs more data than the file holds, before anything is allocated,
     * so a lying header (a huge shape in a small file) is an error naming the file, not an
     * OutOfMemoryError.
     */
    private static void requireData(NpyHeader h, SizedStream in, String source) {
        long need;
        try {
            need = Math.multiplyExact(h.count(), (long) h.itemSize());
        } catch (ArithmeticException e) {
            throw new NpyFormatException(source + ": shape " + h.shapeText() + " is too large to be real");
        }
        long have = in.remaining();
        if (have >= 0 && need > have) {
            throw new NpyFormatException(source + ": file is truncated or its header is wrong: shape " + h.shapeText()
                    + " of '" + h.descr() + "' needs " + need + " data bytes, the file has " + have);
        }
    }

    /**
     * Reads a 2-d float32 or float64 array from a stream; the stream is read to its end.
     *
     * @param in the stream, positioned at the start of the {@code .npy} data
     * @param source a name for error messages, such as the file name
     * @return the matrix
     * @throws IOException if reading fails
     */
    public static DenseMatrix readMatrix(InputStream in, String source) throws IOException {
        NpyHeader h = NpyHeader.read(in, source);
        if (in instanceof SizedStream sized) {
            requireData(h, sized, source);
        }
        requireFloat(h, source);
        if (h.shape().length != 2) {
            throw new NpyFormatException(source + ": expected a 2-d array (documents x dimensions), found shape "
                    + h.shapeText() + (h.shape().length == 1 ? "; for one vector use arr.reshape(1, -1)" : ""));
        }
        int rows = toInt(h.shape()[0], source);
        int cols = toInt(h.shape()[1], source);
        float[] values = readFloatData(in, h, source);
        if (h.fortranOrder()) {
            values = transpose(values, rows, cols);
        }
        return DenseMatrix.wrap(rows, cols, values);
    }

    /**
     * Reads a 1-d float32 or float64 array.
     *
     * @param file the {@code .npy} file
     * @return the values
     */
    public static float[] readFloats(Path file) {
        return read(file, in -> {
            NpyHeader h = NpyHeader.read(in, file.toString());
            requireData(h, (SizedStream) in, file.toString());
            requireFloat(h, file.toString());
            requireOneDimension(h, file.toString());
            return readFloatData(in, h, file.toString());
        });
    }

    /**
     * Reads a 1-d float64 (or float32) array without rounding to float32.
     *
     * @param file the {@code .npy} file
     * @return the values
     */
    public static double[] readDoubles(Path file) {
        return read(file, in -> {
            String source = file.toString();
            NpyHeader h = NpyHeader.read(in, source);
            requireData(h, (SizedStream) in, source);
            requireFloat(h, source);
            requireOneDimension(h, source);
            double[] out = new double[toInt(h.count(), source)];
            readChunks(in, h, source, (buf, done, take) -> {
                for (int i = 0; i < take; i++) {
                    out[done + i] = h.itemSize() == 8 ? buf.getDouble() : buf.getFloat();
                }
            });
            return out;
        });
    }

    /**
     * Writes a 1-d float64 array (for values that must survive saving exactly).
     *
     * @param file where to write; replaced if it exists
     * @param values the values
     */
    public static void writeDoubles(Path file, double[] values) {
        writeNpy(file, NpyHeader.encode("<f8", new long[] {values.length}), out -> {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i += CHUNK) {
                int take = Math.min(CHUNK, values.length - i);
                buf.clear();
                buf.asDoubleBuffer().put(values, i, take);
                out.write(buf.array(), 0, take * 8);
            }
        });
    }

    /**
     * Reads a 1-d int32 or int64 array, such as topic labels ({@code -1} = outlier).
     *
     * @param file the {@code .npy} file
     * @return the values
     * @throws NpyFormatException if the file is not a 1-d integer array or an int64 value does not fit in 32 bits
     */
    public static int[] readInts(Path file) {
        return read(file, in -> {
            String source = file.toString();
            NpyHeader h = NpyHeader.read(in, source);
            requireData(h, (SizedStream) in, source);
            if (h.kind() != 'i' || (h.itemSize() != 4 && h.itemSize() != 8)) {
                throw new NpyFormatException(source + ": expected int32 or int64 values, found dtype '" + h.descr()
                        + "'; convert with arr.astype(numpy.int32)");
            }
            requireOneDimension(h, source);
            int[] out = new int[toInt(h.count(), source)];
            readChunks(in, h, source, (buf, done, take) -> {
                for (int i = 0; i < take; i++) {
                    if (h.itemSize() == 4) {
                        out[done + i] = buf.getInt();
                    } else {
                        long v = buf.getLong();
                        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                            throw new NpyFormatException(source + ": value " + v + " at index " + (done + i)
                                    + " does not fit in 32 bits");
                        }
                        out[done + i] = (int) v;
                    }
                }
            });
            return out;
        });
    }

    /**
     * Writes a 1-d int32 array to a stream.
     *
     * @param out the stream; not closed
     * @param values the values
     * @throws IOException if writing fails
     */
    public static void writeInts(OutputStream out, int[] values) throws IOException {
        out.write(NpyHeader.encode("<i4", new long[] {values.length}));
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i += CHUNK) {
            int take = Math.min(CHUNK, values.length - i);
            buf.clear();
            buf.asIntBuffer().put(values, i, take);
            out.write(buf.array(), 0, take * 4);
        }
    }

    /**
     * Writes a 1-d float32 array to a stream.
     *
     * @param out the stream; not closed
     * @param values the values
     * @throws IOException if writing fails
     */
    public static void writeFloats(OutputStream out, float[] values) throws IOException {
        out.write(NpyHeader.encode("<f4", new long[] {values.length}));
        writeFloatData(out, values);
    }

    /**
     * Writes a matrix as a 2-d float32 array.
     *
     * @param file where to write; replaced if it exists
     * @param matrix the values
     */
    public static void write(Path file, DenseMatrix matrix) {
        writeNpy(file, NpyHeader.encode("<f4", new long[] {matrix.rows(), matrix.cols()}),
                out -> writeFloatData(out, matrix.rawData()));
    }

    /**
     * Writes a 1-d float32 array.
     *
     * @param file where to write; replaced if it exists
     * @param values the values
     */
    public static void writeFloats(Path file, float[] values) {
        AtomicFiles.write(file, out -> writeFloats(out, values));
    }

    /**
     * Writes a 1-d int32 array.
     *
     * @param file where to write; replaced if it exists
     * @param values the values
     */
    public static void writeInts(Path file, int[] values) {
        AtomicFiles.write(file, out -> writeInts(out, values));
    }

    /**
     * Writes a matrix to a stream as a 2-d float32 {@code .npy} array.
     *
     * @param out the stream; not closed
     * @param matrix the values
     * @throws IOException if writing fails
     */
    public static void write(OutputStream out, DenseMatrix matrix) throws IOException {
        out.write(NpyHeader.encode("<f4", new long[] {matrix.rows(), matrix.cols()}));
        writeFloatData(out, matrix.rawData());
    }

    private static void requireFloat(NpyHeader h, String source) {
        if (h.kind() != 'f' || (h.itemSize() != 4 && h.itemSize() != 8)) {
            throw new NpyFormatException(source + ": expected float32 or float64 values, found dtype '" + h.descr()
                    + "'; convert with arr.astype(numpy.float32)");
        }
    }

    private static void requireOneDimension(NpyHeader h, String source) {
        if (h.shape().length != 1) {
            throw new NpyFormatException(source + ": expected a 1-d array, found shape " + h.shapeText()
                    + "; flatten it with arr.ravel()");
        }
    }

    private static int toInt(long v, String source) {
        if (v > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(source + ": " + v + " elements do not fit in one Java array");
        }
        return (int) v;
    }

    private static float[] readFloatData(InputStream in, NpyHeader h, String source) throws IOException {
        float[] out = new float[toInt(h.count(), source)];
        readChunks(in, h, source, (buf, done, take) -> {
            if (h.itemSize() == 4) {
                buf.asFloatBuffer().get(out, done, take);
            } else {
                for (int i = 0; i < take; i++) {
                    out[done + i] = (float) buf.getDouble();
                }
            }
        });
        return out;
    }

    /** Receives the array data a chunk at a time: {@code take} elements from index {@code done}, in {@code buf}. */
    @FunctionalInterface
    private interface ChunkReader {
        void accept(ByteBuffer buf, int done, int take);
    }

    /** Streams all {@code h.count()} elements through {@code reader} in chunks, then checks nothing follows. */
    private static void readChunks(InputStream in, NpyHeader h, String source, ChunkReader reader) throws IOException {
        int n = toInt(h.count(), source);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * h.itemSize()).order(h.order());
        int done = 0;
        while (done < n) {
            int take = Math.min(CHUNK, n - done);
            fill(in, buf, take * h.itemSize(), h, source, done);
            reader.accept(buf, done, take);
            done += take;
        }
        requireEnd(in, source);
    }

    /** Reads exactly {@code bytes} into {@code buf} (cleared, then flipped) or reports truncation. */
    private static void fill(InputStream in, ByteBuffer buf, int bytes, NpyHeader h, String source, int elementsBefore)
            throws IOException {
        buf.clear();
        int off = 0;
        while (off < bytes) {
            int r = in.read(buf.array(), off, bytes - off);
            if (r < 0) {
                long have = (long) elementsBefore * h.itemSize() + off;
                throw new NpyFormatException(source + ": file is truncated: shape " + h.shapeText() + " of '"
                        + h.descr() + "' needs " + h.count() * h.itemSize() + " data bytes, found " + have);
            }
            off += r;
        }
        buf.limit(bytes);
    }

    private static void requireEnd(InputStream in, String source) throws IOException {
        if (in.read() >= 0) {
            throw new NpyFormatException(source + ": extra bytes after the array data; "
                    + "this is not a single .npy array (an .npz archive or a corrupt file?)");
        }
    }

    private static float[] transpose(float[] columnMajor, int rows, int cols) {
        float[] out = new float[columnMajor.length];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] = columnMajor[c * rows + r];
            }
        }
        return out;
    }

    private static void writeFloatData(OutputStream out, float[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i += CHUNK) {
            int take = Math.min(CHUNK, values.length - i);
            buf.clear();
            buf.asFloatBuffer().put(values, i, take);
            out.write(buf.array(), 0, take * 4);
        }
    }

    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    /** A buffered file stream that knows how many bytes are left. */
    private static final class SizedStream extends java.io.FilterInputStream {
        private final long size;
        private long read;

        SizedStream(InputStream in, long size) {
            super(in);
            this.size = size;
        }

        long remaining() {
            return size - read;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            read += k;
            return k;
        }
    }

    private static <T> T read(Path file, Reader<T> reader) {
        try (InputStream in = new SizedStream(new BufferedInputStream(Files.newInputStream(file), CHUNK), Files.size(file))) {
            return reader.read(in);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeNpy(Path file, byte[] header, AtomicFiles.Content body) {
        AtomicFiles.write(file, out -> {
            out.write(header);
            body.writeTo(out);
        });
    }
}
