package org.topicj.sbert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol-buffers message read as its wire-format fields, enough to rewrite an ONNX graph
 * without the ONNX or protobuf libraries: fields this code does not touch are written back byte
 * for byte, so nothing of the model is lost in the round trip.
 *
 * <p>Groups (wire types 3 and 4, unused by ONNX) are refused.
 */
final class ProtoMessage {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int BYTES = 2;
    static final int FIXED32 = 5;

    /** One field occurrence; {@code value} is the varint or fixed value, {@code bytes} the payload of wire type 2. */
    record Field(int number, int wireType, long value, byte[] bytes) {
        static Field ofBytes(int number, byte[] payload) {
            return new Field(number, BYTES, 0, payload);
        }

        static Field ofString(int number, String text) {
            return ofBytes(number, text.getBytes(StandardCharsets.UTF_8));
        }

        static Field ofVarint(int number, long v) {
            return new Field(number, VARINT, v, null);
        }

        String string() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final List<Field> fields;

    ProtoMessage(List<Field> fields) {
        this.fields = fields;
    }

    /** @return the fields in wire order, mutable */
    List<Field> fields() {
        return fields;
    }

    static ProtoMessage parse(byte[] data) {
        return parse(data, 0, data.length);
    }

    static ProtoMessage parse(byte[] data, int from, int to) {
        List<Field> out = new ArrayList<>();
        int[] pos = {from};
        while (pos[0] < to) {
            long tag = readVarint(data, pos, to);
            int number = (int) (tag >>> 3);
            int type = (int) (tag & 7);
            switch (type) {
                case VARINT -> out.add(new Field(number, type, readVarint(data, pos, to), null));
                case FIXED64 -> out.add(new Field(number, type, readFixed(data, pos, 8, to), null));
                case FIXED32 -> out.add(new Field(number, type, readFixed(data, pos, 4, to), null));
                case BYTES -> {
                    long len = readVarint(data, pos, to);
                    if (len < 0 || len > to - pos[0]) {
                        throw new IllegalArgumentException("field " + number + " claims " + len + " bytes, past the end of its message");
                    }
                    byte[] payload = new byte[(int) len];
                    System.arraycopy(data, pos[0], payload, 0, (int) len);
                    pos[0] += (int) len;
                    out.add(new Field(number, type, 0, payload));
                }
                default -> throw new IllegalArgumentException("wire type " + type + " of field " + number
                        + " at byte " + pos[0] + " is not one protobuf writes for ONNX");
            }
        }
        return new ProtoMessage(out);
    }

    /** @return the first occurrence of a field, or null */
    Field first(int number) {
        for (Field f : fields) {
            if (f.number == number) {
                return f;
            }
        }
        return null;
    }

    /** @return every occurrence of a field, in order */
    List<Field> all(int number) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.number == number) {
                out.add(f);
            }
        }
        return out;
    }

    /** @return the string value of a field, or "" where it is absent (protobuf's default) */
    String string(int number) {
        Field f = first(number);
        return f == null ? "" : f.string();
    }

    /** @return the varint value of a field, or {@code absent} */
    long varint(int number, long absent) {
        Field f = first(number);
        return f == null ? absent : f.value;
    }

    /** @return a repeated integer field, packed or not */
    long[] varints(int number) {
        List<Long> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.number != number) {
                continue;
            }
            if (f.wireType == BYTES) {
                int[] pos = {0};
                while (pos[0] < f.bytes.length) {
                    values.add(readVarint(f.bytes, pos, f.bytes.length));
                }
            } else {
                values.add(f.value);
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field f : fields) {
            writeVarint(out, ((long) f.number << 3) | f.wireType);
            switch (f.wireType) {
                case VARINT -> writeVarint(out, f.value);
                case FIXED64 -> writeFixed(out, f.value, 8);
                case FIXED32 -> writeFixed(out, f.value, 4);
                default -> {
                    writeVarint(out, f.bytes.length);
                    out.writeBytes(f.bytes);
                }
            }
        }
        return out.toByteArray();
    }

    private static long readVarint(byte[] data, int[] pos, int to) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= to) {
                throw new IllegalArgumentException("truncated varint at byte " + pos[0]);
            }
            byte b = data[pos[0]++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos[0]);
    }

    private static long readFixed(byte[] data, int[] pos, int width, int to) {
        if (to - pos[0] < width) {
            throw new IllegalArgumentException("truncated fixed" + width * 8 + " at byte " + pos[0]);
        }
        long v = 0;
        for (int i = 0; i < width; i++) {
            v |= (long) (data[pos[0]++] & 0xff) << (8 * i);
        }
        return v;
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void writeFixed(ByteArrayOutputStream out, long v, int width) {
        for (int i = 0; i < width; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
