package org.topicj.matrix;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parsed header of a {@code .npy} file: element type, byte order, memory order and shape. */
record NpyHeader(char kind, int itemSize, ByteOrder order, boolean fortranOrder, long[] shape) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int MAX_HEADER = 1 << 20;

    /** @return the dtype as NumPy writes it, e.g. {@code <f4} */
    String descr() {
        String o = itemSize == 1 ? "|" : order == ByteOrder.LITTLE_ENDIAN ? "<" : ">";
        return o + kind + itemSize;
    }

    long count() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    String shapeText() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        return sb.append(')').toString();
    }

    static NpyHeader read(InputStream in, String source) throws IOException {
        byte[] magic = readFully(in, 8, source, "the 8-byte .npy preamble");
        if (!Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw new NpyFormatException(source + ": not a NumPy .npy file (it does not start with \\x93NUMPY); "
                    + "save arrays with numpy.save");
        }
        int major = magic[6] & 0xff;
        int lengthBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw new NpyFormatException(source + ": .npy format version " + major + "." + (magic[7] & 0xff)
                    + " is not supported; versions 1.0 to 3.0 are");
        };
        ByteBuffer len = ByteBuffer.wrap(readFully(in, lengthBytes, source, "the header length"))
                .order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? len.getShort() & 0xffff : len.getInt() & 0xffffffffL;
        if (headerLength > MAX_HEADER) {
            throw new NpyFormatException(source + ": header length " + headerLength + " is implausibly large; file is corrupt");
        }
        byte[] headerBytes = readFully(in, (int) headerLength, source, "the header");
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parse(header.trim(), source);
    }

    private static NpyHeader parse(String header, String source) {
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find()) {
            throw new NpyFormatException(source + ": unsupported dtype in header " + header
                    + "; TopicJ reads plain numeric arrays (float32, float64, int32, int64)");
        }
        if (!fortran.find() || !shape.find()) {
            throw new NpyFormatException(source + ": malformed .npy header " + header);
        }
        String orderChar = descr.group(1);
        ByteOrder order = ">".equals(orderChar) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if ("=".equals(orderChar)) {
            order = ByteOrder.nativeOrder();
        }
        return new NpyHeader(descr.group(2).charAt(0), Integer.parseInt(descr.group(3)), order,
                "True".equals(fortran.group(1)), parseShape(shape.group(1), source));
    }

    private static long[] parseShape(String text, String source) {
        String[] parts = text.split(",");
        return Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(s -> {
            try {
                long v = Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new NpyFormatException(source + ": malformed shape (" + text + ")");
            }
        }).toArray();
    }

    static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] buf = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(buf, off, n - off);
            if (r < 0) {
                throw new NpyFormatException(source + ": file ends after " + off + " of the " + n
                        + " bytes of " + what + "; the file is truncated", new EOFException());
            }
            off += r;
        }
        return buf;
    }

    /**
     * Builds a version 1.0 header (2.0 if it does not fit), padded with spaces so the data starts
     * on a 64-byte boundary, as NumPy itself does.
     */
    static byte[] encode(String descr, long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        sb.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sb + ", }";
        boolean v1 = dict.length() + 1 + 10 <= 0xffff;
        int preamble = v1 ? 10 : 12;
        int total = preamble + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer out = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) (v1 ? 1 : 2)).put((byte) 0);
        if (v1) {
            out.putShort((short) text.length());
        } else {
            out.putInt(text.length());
        }
        out.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return out.array();
    }
}
