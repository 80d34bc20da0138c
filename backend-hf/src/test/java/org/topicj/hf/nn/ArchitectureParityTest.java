package org.topicj.hf.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.topicj.hf.TinyModels;
import org.topicj.spi.support.DjlRuntime;
import org.topicj.spi.support.SafeTensors;

/**
 * Every architecture's last_hidden_state against transformers' own, on the committed tiny models:
 * each text alone, and all texts as one right-padded batch (compared with transformers' padded
 * batch, left-padded for qwen3, and with the singles), to 1e-4.
 */
class ArchitectureParityTest {
    static final double TOLERANCE = 1e-4;

    static List<String> architectures() {
        return TinyModels.ARCHITECTURES;
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void lastHiddenStateMatchesTransformersAloneAndInAPaddedBatch(String arch) {
        TinyModels fx = TinyModels.of(arch);
        DjlRuntime.offline();
        ModelConfig config = ModelConfig.read(fx.folder());
        try (Architecture net = Architectures.build(config, Weights.open(fx.folder(),
                NDManager.newBaseManager("PyTorch"), Precision.FLOAT32))) {
            assertEquals(arch, net.modelType());
            assertEquals(fx.hidden(), net.hiddenSize());
            int n = fx.texts().size();
            int hidden = fx.hidden();
            double worst = 0;
            for (int i = 0; i < n; i++) {
                float[] got = run(net, List.of(fx.inputIds(i)));
                float[] want = fx.array("single." + i).values();
                worst = Math.max(worst, TinyModels.maxAbsDiff(got, want));
                assertClose(want, got, arch + " text " + i + " alone");
            }
            List<long[]> all = new java.util.ArrayList<>();
            int width = 0;
            for (int i = 0; i < n; i++) {
                all.add(fx.inputIds(i));
                width = Math.max(width, fx.inputIds(i).length);
            }
            float[] batch = run(net, all);
            SafeTensors.Tensor theirs = fx.array("batch");
            boolean left = fx.meta().get("padding_side").asText().equals("left");
            for (int i = 0; i < n; i++) {
                int len = all.get(i).length;
                float[] mine = Arrays.copyOfRange(batch, i * width * hidden, (i * width + len) * hidden);
                int start = left ? width - len : 0;
                float[] hf = Arrays.copyOfRange(theirs.values(), (i * width + start) * hidden, (i * width + start + len) * hidden);
                assertClose(hf, mine, arch + " text " + i + " in transformers' " + (left ? "left" : "right") + "-padded batch");
                assertClose(fx.array("single." + i).values(), mine, arch + " text " + i + ": batch = single");
            }
            System.out.printf("%s: max |Java - transformers| over singles = %.2e%n", arch, worst);
        }
    }

    /** Runs token id rows right-padded as one batch; returns [rows, width, hidden]. */
    static float[] run(Architecture net, List<long[]> rows) {
        int width = rows.stream().mapToInt(r -> r.length).max().orElseThrow();
        long[] ids = new long[rows.size() * width];
        long[] mask = new long[ids.length];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, ids, r * width, rows.get(r).length);
            Arrays.fill(mask, r * width, r * width + rows.get(r).length, 1L);
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray out = net.forward(m, new TokenBatch(ids, mask, new long[ids.length], rows.size(), width));
            return out.toFloatArray();
        }
    }

    static void assertClose(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what + ": size");
        double d = TinyModels.maxAbsDiff(want, got);
        assertTrue(d <= TOLERANCE, what + ": max |diff| " + d + " > " + TOLERANCE);
    }
}
