package org.topicj.spi.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.topicj.embed.BackendInitializationException;
import org.topicj.io.AtomicFiles;

/**
 * Reads and writes {@code .safetensors} files: an 8-byte little-endian header length, a JSON header
 * mapping each tensor's name to its dtype, shape and byte offsets, then raw little-endian data. Pure
 * data: nothing executable is ever loaded, unlike PyTorch's pickled {@code .bin} files, which TopicJ
 * refuses. A file is opened once and tensors are read on demand with positioned reads, so models
 * larger than 2 GB (and than the heap, tensor by tensor) can be read.
 *
 * <p>Thread-safety: an open file may be read from several threads; close it once all reads are done.
 */
public final class SafeTensors implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers larger than this are refused: real ones are kilobytes to a few megabytes. */
    private static final long MAX_HEADER = 100L << 20;

    /** The element types TopicJ reads. */
    public enum DType {
        /** 32-bit float. */
        F32(4),
        /** 64-bit float. */
        F64(8),
        /** IEEE half precision. */
        F16(2),
        /** bfloat16. */
        BF16(2),
        /** 64-bit integer. */
        I64(8),
        /** 32-bit integer. */
        I32(4),
        /** 8-bit integer. */
        I8(1),
        /** Unsigned 8-bit integer. */
        U8(1);

        private final int width;

        DType(int width) {
            this.width = width;
        }

        /** @return bytes per element */
        public int width() {
            return width;
        }
    }

    /**
     * A tensor's description in the header.
     *
     * @param name its name
     * @param dtype element type
     * @param shape dimensions
     * @param begin first byte, relative to the data section
     * @param end one past the last byte
     */
    public record Info(String name, DType dtype, long[] shape, long begin, long end) {
        /** @return the number of elements */
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /**
     * A tensor read as floats (whatever its stored float type).
     *
     * @param shape dimensions
     * @param values the elements, row-major
     */
    public record Tensor(long[] shape, float[] values) {
        /** Checks that the shape and values agree. */
        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not " + values.length);
            }
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Info> infos;
    private final Map<String, String> metadata;

    private SafeTensors(Path file, FileChannel channel, long dataStart, Map<String, Info> infos, Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.infos = infos;
        this.metadata = metadata;
    }

    /**
     * Opens a file and reads its header, checking every tensor's offsets against its shape and the file size.
     *
     * @param file the {@code .safetensors} file
     * @return the open file
     * @throws BackendInitializationException if it is missing or not a valid safetensors file
     */
    public static SafeTensors open(Path file) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            long size = ch.size();
            if (size < 8) {
                throw corrupt(file, "shorter than its 8-byte header length");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long headerLength = len.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > size) {
                throw corrupt(file, "header length " + headerLength + " does not fit a file of " + size + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(ch, header, 8);
            JsonNode json = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            if (json == null || !json.isObject()) {
                throw corrupt(file, "its header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            Map<String, Info> infos = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : json.properties()) {
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                } else {
                    infos.put(e.getKey(), info(file, e.getKey(), e.getValue(), size - dataStart));
                }
            }
            SafeTensors st = new SafeTensors(file, ch, dataStart, Collections.unmodifiableMap(infos), Map.copyOf(metadata));
            ch = null;
            return st;
        } catch (IOException e) {
            throw new BackendInitializationException("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(ch);
        }
    }

    /**
     * Reads every tensor of a small file as floats (Dense layers, embedding tables).
     *
     * @param file the file
     * @return tensors by name, in header order
     */
    public static Map<String, Tensor> read(Path file) {
        try (SafeTensors st = open(file)) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (String name : st.names().keySet()) {
                out.put(name, st.tensor(name));
            }
            return out;
        }
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return every tensor's description, by name, in header order */
    public Map<String, Info> names() {
        return infos;
    }

    /** @return the header's {@code __metadata__} strings */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * @param name a tensor name
     * @return its description
     * @throws BackendInitializationException if there is no such tensor, listing a few that exist
     */
    public Info info(String name) {
        Info i = infos.get(name);
        if (i == null) {
            throw new BackendInitializationException(file + " has no tensor '" + name + "'; it has " + infos.size()
                    + " tensors, e.g. " + infos.keySet().stream().limit(8).toList());
        }
        return i;
    }

    /**
     * @param name a float tensor
     * @return its values converted to float
     */
    public Tensor tensor(String name) {
        Info i = info(name);
        if (i.elements() > Integer.MAX_VALUE - 8) {
            throw new BackendInitializationException(file + ": tensor '" + name + "' has " + i.elements()
                    + " elements, more than one Java array holds");
        }
        ByteBuffer buf = bytes(i);
        float[] values = new float[(int) i.elements()];
        switch (i.dtype()) {
            case F32 -> buf.asFloatBuffer().get(values);
            case F64 -> {
                for (int k = 0; k < values.length; k++) {
                    values[k] = (float) buf.getDouble();
                }
            }
            case F16 -> {
                for (int k = 0; k < values.length; k++) {
                    values[k] = halfToFloat(buf.getShort());
                }
            }
            case BF16 -> {
                for (int k = 0; k < values.length; k++) {
                    values[k] = Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
                }
            }
            default -> throw new BackendInitializationException(file + ": tensor '" + name + "' has dtype " + i.dtype()
                    + ", not a float type");
        }
        return new Tensor(i.shape(), values);
    }

    /**
     * @param name an integer tensor (I64, I32, I8 or U8)
     * @return its values as longs
     */
    public long[] longs(String name) {
        Info i = info(name);
        ByteBuffer buf = bytes(i);
        long[] values = new long[(int) i.elements()];
        for (int k = 0; k < values.length; k++) {
            values[k] = switch (i.dtype()) {
                case I64 -> buf.getLong();
                case I32 -> buf.getInt();
                case I8 -> buf.get();
                case U8 -> buf.get() & 0xff;
                default -> throw new BackendInitializationException(file + ": tensor '" + name + "' has dtype " + i.dtype()
                        + ", not an integer type");
            };
        }
        return values;
    }

    /**
     * @param name a tensor
     * @return its raw little-endian bytes
     */
    public ByteBuffer bytes(String name) {
        return bytes(info(name));
    }

    private ByteBuffer bytes(Info i) {
        long length = i.end() - i.begin();
        if (length > Integer.MAX_VALUE) {
            throw new BackendInitializationException(file + ": tensor '" + i.name() + "' is larger than 2 GB");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        try {
            readFully(channel, buf, dataStart + i.begin());
        } catch (IOException e) {
            throw new BackendInitializationException("cannot read tensor '" + i.name() + "' of " + file + ": " + e.getMessage(), e);
        }
        return buf.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    /**
     * Writes float32 tensors as a safetensors file, atomically; readable by Python's {@code safetensors}.
     *
     * @param file the target
     * @param tensors name to tensor; written in this map's order
     * @param metadata the header's {@code __metadata__} strings (may be empty)
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        write(file, tensors, metadata, DType.F32);
    }

    /**
     * Writes float tensors as a safetensors file in float32 or float16 (rounded to nearest, ties to
     * even, as NumPy's {@code astype(np.float16)}), atomically.
     *
     * @param file the target
     * @param tensors name to tensor; written in this map's order
     * @param metadata the header's {@code __metadata__} strings (may be empty)
     * @param dtype {@link DType#F32} or {@link DType#F16}
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, DType dtype) {
        Objects.requireNonNull(tensors, "tensors");
        if (dtype != DType.F32 && dtype != DType.F16) {
            throw new IllegalArgumentException("SafeTensors.write writes F32 or F16, not " + dtype);
        }
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", dtype.name());
            var shape = t.putArray("shape");
            Arrays.stream(e.getValue().shape()).forEach(shape::add);
            long bytes = (long) dtype.width() * e.getValue().values().length;
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // The format pads the header with spaces to a multiple of 8, so data starts aligned.
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            for (Tensor t : tensors.values()) {
                writeFloats(out, t.values(), dtype);
            }
        });
    }

    private static void writeFloats(OutputStream out, float[] values, DType dtype) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            if (dtype == DType.F16) {
                buf.putShort(floatToHalf(v));
            } else {
                buf.putFloat(v);
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    private static Info info(Path file, String name, JsonNode node, long dataSize) {
        DType dtype;
        try {
            dtype = DType.valueOf(node.path("dtype").asText());
        } catch (IllegalArgumentException e) {
            throw corrupt(file, "tensor '" + name + "' has dtype '" + node.path("dtype").asText() + "', which TopicJ does not read");
        }
        JsonNode shapeNode = node.path("shape");
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int k = 0; k < shape.length; k++) {
            shape[k] = shapeNode.get(k).asLong(-1);
            if (shape[k] < 0) {
                throw corrupt(file, "tensor '" + name + "' has a negative dimension");
            }
            count = Math.multiplyExact(count, shape[k]);
        }
        long begin = node.path("data_offsets").path(0).asLong(-1);
        long end = node.path("data_offsets").path(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataSize || end - begin != count * dtype.width()) {
            throw corrupt(file, "tensor '" + name + "' has offsets [" + begin + ", " + end + ") that do not match its shape "
                    + Arrays.toString(shape) + " and the file");
        }
        return new Info(name, dtype, shape, begin, end);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static BackendInitializationException corrupt(Path file, String what) {
        return new BackendInitializationException(file + " is not a valid safetensors file: " + what);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was written; the read's own outcome matters
            }
        }
    }

    /**
     * IEEE 754 half precision to float (Float.float16ToFloat needs Java 20).
     *
     * @param half the 16 bits
     * @return the value
     */
    public static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /**
     * Float to IEEE 754 half precision, rounding to nearest with ties to even (overflow to infinity,
     * NaN kept), as NumPy's {@code astype(np.float16)}; {@code Float.floatToFloat16} needs Java 20.
     *
     * @param value the value
     * @return the 16 bits
     */
    public static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int m = mantissa | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }
}
