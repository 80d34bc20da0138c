package org.topicj.spi.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Float16 writing: exact for every half value, ties to even between them, and readable back. */
class SafeTensorsHalfTest {
    @Test
    void everyHalfRoundTrips() {
        for (int h = 0; h < 0x10000; h++) {
            float f = SafeTensors.halfToFloat((short) h);
            if (!Float.isNaN(f)) {
                assertEquals((short) h, SafeTensors.floatToHalf(f), "half 0x" + Integer.toHexString(h));
            }
        }
    }

    @Test
    void roundsToNearestTiesToEven() {
        float one = 1f;
        float ulp = SafeTensors.halfToFloat((short) 0x3c01) - one;
        assertEquals((short) 0x3c00, SafeTensors.floatToHalf(one + ulp / 2), "tie goes to the even 1.0");
        assertEquals((short) 0x3c02, SafeTensors.floatToHalf(one + 3 * ulp / 2), "tie goes to the even 0x3c02");
        assertEquals((short) 0x3c01, SafeTensors.floatToHalf(one + ulp * 0.6f));
        assertEquals((short) 0x7c00, SafeTensors.floatToHalf(70000f), "overflow is infinity");
        assertEquals((short) 0x0001, SafeTensors.floatToHalf(6e-8f), "smallest subnormal");
        assertEquals((short) 0x8000, SafeTensors.floatToHalf(-1e-9f), "underflow keeps the sign");
    }

    @Test
    void writesFloat16Files(@TempDir Path dir) {
        Map<String, SafeTensors.Tensor> t = new LinkedHashMap<>();
        t.put("embeddings", new SafeTensors.Tensor(new long[] {2, 3}, new float[] {0.1f, -2f, 3.5f, 65504f, 0f, 1e-3f}));
        Path f = dir.resolve("model.safetensors");
        SafeTensors.write(f, t, Map.of(), SafeTensors.DType.F16);
        try (SafeTensors s = SafeTensors.open(f)) {
            assertEquals(SafeTensors.DType.F16, s.info("embeddings").dtype());
            float[] back = s.tensor("embeddings").values();
            float[] expected = new float[6];
            for (int i = 0; i < 6; i++) {
                expected[i] = SafeTensors.halfToFloat(SafeTensors.floatToHalf(t.get("embeddings").values()[i]));
            }
            assertArrayEquals(expected, back);
        }
    }
}
