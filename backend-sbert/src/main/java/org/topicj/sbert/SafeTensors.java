package org.topicj.sbert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.topicj.embed.BackendInitializationException;

/**
 * Reads float tensors from a {@code .safetensors} file (8-byte little-endian header length, a JSON
 * header of name to dtype, shape and byte offsets, then raw little-endian data). Pure data: nothing
 * executable is ever loaded, unlike PyTorch's pickled {@code .bin} files, which TopicJ refuses.
 */
final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Tensor(long[] shape, float[] values) {
    }

    private SafeTensors() {
    }

    static Map<String, Tensor> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 8) {
            throw corrupt(file, "shorter than its 8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength <= 0 || 8 + headerLength > bytes.length) {
            throw corrupt(file, "header length " + headerLength + " does not fit a file of " + bytes.length + " bytes");
        }
        JsonNode header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        int dataStart = 8 + (int) headerLength;
        Map<String, Tensor> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            out.put(e.getKey(), tensor(file, e.getKey(), e.getValue(), bytes, dataStart));
        }
        return out;
    }

    private static Tensor tensor(Path file, String name, JsonNode info, byte[] bytes, int dataStart) {
        String dtype = info.path("dtype").asText();
        long[] shape = new long[info.path("shape").size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = info.path("shape").get(i).asLong();
            count *= shape[i];
        }
        long begin = info.path("data_offsets").path(0).asLong(-1);
        long end = info.path("data_offsets").path(1).asLong(-1);
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F64" -> 8;
            case "F16", "BF16" -> 2;
            default -> throw corrupt(file, "tensor '" + name + "' has dtype " + dtype + "; only float tensors are supported");
        };
        if (begin < 0 || end - begin != count * width || dataStart + end > bytes.length) {
            throw corrupt(file, "tensor '" + name + "' has offsets [" + begin + ", " + end + ") that do not match shape and file");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, (int) (dataStart + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case "F32" -> buf.getFloat();
                case "F64" -> (float) buf.getDouble();
                case "F16" -> halfToFloat(buf.getShort());
                default -> Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
            };
        }
        return new Tensor(shape, values);
    }

    private static BackendInitializationException corrupt(Path file, String what) {
        return new BackendInitializationException(file + " is not a valid safetensors file: " + what);
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat needs Java 20). */
    static float halfToFloat(short half) {
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
}
