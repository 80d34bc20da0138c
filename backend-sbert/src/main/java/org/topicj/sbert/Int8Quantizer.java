package org.topicj.sbert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.topicj.sbert.ProtoMessage.Field;

/**
 * Dynamic int8 quantisation of an ONNX transformer, written as a graph rewrite so that no Python
 * tooling is needed: every {@code MatMul} whose second input is a constant 2-D float weight becomes
 * ONNX Runtime's {@code com.microsoft.DynamicQuantizeMatMul} with that weight in int8, one symmetric
 * scale per output column (zero point 0), and the activations quantised to uint8 per batch at run
 * time. A bias {@code Add} that only follows the MatMul is folded into the same node.
 *
 * <p>Per-column scales keep the columns with small weights as precise as the large ones, which is
 * why this stays closer to fp32 than a per-tensor export such as {@code all-MiniLM-L6-v2-q}.
 * Graphs that already hold integer MatMuls are left as they are.
 */
final class Int8Quantizer {
    private static final int FLOAT = 1;
    private static final int INT8 = 3;
    private static final String MS_DOMAIN = "com.microsoft";
    private static final Set<String> QUANTISED_OPS = Set.of(
            "MatMulInteger", "DynamicQuantizeMatMul", "QLinearMatMul", "MatMulIntegerToFloat", "QAttention", "MatMulNBits");
    private static final Set<String> SUBGRAPH_OPS = Set.of("If", "Loop", "Scan");

    /**
     * @param model the rewritten model, or the input where nothing changed
     * @param quantised MatMuls turned into int8
     * @param biasesFolded bias Adds merged into them
     * @param alreadyQuantised the graph held integer MatMuls and was left unchanged
     */
    record Result(byte[] model, int quantised, int biasesFolded, boolean alreadyQuantised) {
    }

    private Int8Quantizer() {
    }

    /**
     * @param model a serialised ONNX ModelProto
     * @return the quantised model
     * @throws IllegalArgumentException if the bytes are not a model, its weights are external, or it has
     *     no MatMul with a constant float weight
     */
    static Result quantise(byte[] model) {
        ProtoMessage root = ProtoMessage.parse(model);
        int graphAt = indexOf(root, 7);
        if (graphAt < 0) {
            throw new IllegalArgumentException("no graph in the ONNX model (field 7 of ModelProto missing)");
        }
        ProtoMessage graph = ProtoMessage.parse(root.fields().get(graphAt).bytes());
        Graph g = new Graph(graph);
        if (g.alreadyQuantised) {
            return new Result(model, 0, 0, true);
        }
        Rewrite r = g.rewrite();
        if (r.quantised == 0) {
            throw new IllegalArgumentException("the graph has no MatMul with a constant 2-D float weight to quantise");
        }
        root.fields().set(graphAt, Field.ofBytes(7, r.graph.toBytes()));
        addOpset(root);
        return new Result(root.toBytes(), r.quantised, r.folded, false);
    }

    private static int indexOf(ProtoMessage m, int number) {
        for (int i = 0; i < m.fields().size(); i++) {
            if (m.fields().get(i).number() == number) {
                return i;
            }
        }
        return -1;
    }

    /** Declares the com.microsoft domain, which DynamicQuantizeMatMul lives in, unless the model does. */
    private static void addOpset(ProtoMessage root) {
        for (Field f : root.all(8)) {
            if (ProtoMessage.parse(f.bytes()).string(1).equals(MS_DOMAIN)) {
                return;
            }
        }
        List<Field> opset = new ArrayList<>(List.of(Field.ofString(1, MS_DOMAIN), Field.ofVarint(2, 1)));
        root.fields().add(Field.ofBytes(8, new ProtoMessage(opset).toBytes()));
    }

    private record Rewrite(ProtoMessage graph, int quantised, int folded) {
    }

    /** A weight in float, rows x cols, row-major as ONNX stores it. */
    private record Weight(String name, int rows, int cols, float[] values) {
    }

    /** The graph's nodes and constants, indexed for the rewrite. */
    private static final class Graph {
        final ProtoMessage message;
        final List<ProtoMessage> nodes = new ArrayList<>();
        final Map<String, ProtoMessage> initializers = new HashMap<>();
        final Map<String, Integer> uses = new HashMap<>();
        final Set<String> graphOutputs = new HashSet<>();
        boolean alreadyQuantised;
        boolean hasSubgraphs;

        Graph(ProtoMessage message) {
            this.message = message;
            for (Field f : message.fields()) {
                switch (f.number()) {
                    case 1 -> nodes.add(ProtoMessage.parse(f.bytes()));
                    case 5 -> {
                        ProtoMessage t = ProtoMessage.parse(f.bytes());
                        initializers.put(t.string(8), t);
                    }
                    case 12 -> graphOutputs.add(ProtoMessage.parse(f.bytes()).string(1));
                    default -> {
                    }
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                ProtoMessage n = nodes.get(i);
                String op = n.string(4);
                alreadyQuantised |= QUANTISED_OPS.contains(op);
                hasSubgraphs |= SUBGRAPH_OPS.contains(op);
                for (Field in : n.all(1)) {
                    uses.merge(in.string(), 1, Integer::sum);
                }
            }
        }

        Rewrite rewrite() {
            Map<Integer, ProtoMessage> replaced = new HashMap<>();
            Set<Integer> removed = new HashSet<>();
            Set<String> droppedValues = new HashSet<>();
            Set<String> droppedInitializers = new HashSet<>();
            List<ProtoMessage> added = new ArrayList<>();
            Set<String> quantisedWeights = new HashSet<>();
            Map<String, Integer> consumerOf = singleConsumers();
            int folded = 0;
            for (int i = 0; i < nodes.size(); i++) {
                ProtoMessage n = nodes.get(i);
                List<Field> inputs = n.all(1);
                if (!isPlainMatMul(n)) {
                    continue;
                }
                Weight w = weight(inputs.get(1).string());
                if (w == null) {
                    continue;
                }
                String output = n.all(2).get(0).string();
                String bias = null;
                String fusedOutput = output;
                Integer add = hasSubgraphs || graphOutputs.contains(output) ? null : consumerOf.get(output);
                if (add != null) {
                    ProtoMessage a = nodes.get(add);
                    bias = biasOf(a, output, w.cols);
                    if (bias != null) {
                        fusedOutput = a.all(2).get(0).string();
                        removed.add(add);
                        droppedValues.add(output);
                        folded++;
                    }
                }
                if (quantisedWeights.add(w.name)) {
                    added.addAll(quantisedWeight(w));
                }
                replaced.put(i, fusedNode(n, inputs.get(0).string(), w.name, bias, fusedOutput));
                if (!hasSubgraphs && !graphOutputs.contains(w.name) && onlyMatMulUses(w.name)) {
                    droppedInitializers.add(w.name);
                }
            }
            return new Rewrite(rebuilt(replaced, removed, droppedValues, droppedInitializers, added), replaced.size(), folded);
        }

        /** @return whether every node reading that value is a MatMul with it as its weight (so all of them get the int8 copy) */
        private boolean onlyMatMulUses(String value) {
            for (ProtoMessage n : nodes) {
                List<Field> in = n.all(1);
                for (int k = 0; k < in.size(); k++) {
                    if (in.get(k).string().equals(value)
                            && (!isPlainMatMul(n) || k != 1)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** @return whether the node is the standard two-input MatMul (the only kind this rewrite replaces) */
        private static boolean isPlainMatMul(ProtoMessage n) {
            return n.string(4).equals("MatMul") && n.string(7).isEmpty() && n.all(1).size() == 2;
        }

        /** @return for each value read by exactly one node, that node's index */
        private Map<String, Integer> singleConsumers() {
            Map<String, Integer> consumer = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                for (Field in : nodes.get(i).all(1)) {
                    if (uses.get(in.string()) == 1) {
                        consumer.put(in.string(), i);
                    }
                }
            }
            return consumer;
        }

        /** @return the name of the 1-D float constant of length cols that an Add adds to value, or null */
        private String biasOf(ProtoMessage add, String value, int cols) {
            List<Field> in = add.all(1);
            if (!add.string(4).equals("Add") || !add.string(7).isEmpty() || in.size() != 2 || add.all(2).size() != 1) {
                return null;
            }
            String other = in.get(0).string().equals(value) ? in.get(1).string() : in.get(0).string();
            ProtoMessage t = initializers.get(other);
            if (t == null || t.varint(2, 0) != FLOAT) {
                return null;
            }
            long[] dims = t.varints(1);
            return dims.length == 1 && dims[0] == cols ? other : null;
        }

        /** @return the constant 2-D float weight of that name, or null where it is not one */
        private Weight weight(String name) {
            ProtoMessage t = initializers.get(name);
            if (t == null || t.varint(2, 0) != FLOAT) {
                return null;
            }
            long[] dims = t.varints(1);
            if (dims.length != 2) {
                return null;
            }
            if (t.varint(14, 0) == 1 || t.first(13) != null) {
                throw new IllegalArgumentException("weight '" + name + "' is stored outside the .onnx file (external data); "
                        + "int8 quantisation needs the weights inside it");
            }
            int rows = Math.toIntExact(dims[0]);
            int cols = Math.toIntExact(dims[1]);
            float[] values = floats(t, name);
            if (values.length != rows * cols) {
                throw new IllegalArgumentException("weight '" + name + "' holds " + values.length + " floats for shape "
                        + rows + "x" + cols);
            }
            return new Weight(name, rows, cols, values);
        }

        private static float[] floats(ProtoMessage t, String name) {
            Field raw = t.first(9);
            if (raw != null) {
                ByteBuffer b = ByteBuffer.wrap(raw.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                float[] v = new float[raw.bytes().length / 4];
                b.asFloatBuffer().get(v);
                return v;
            }
            List<Float> values = new ArrayList<>();
            for (Field f : t.all(4)) {
                if (f.wireType() == ProtoMessage.BYTES) {
                    ByteBuffer b = ByteBuffer.wrap(f.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                    while (b.remaining() >= 4) {
                        values.add(b.getFloat());
                    }
                } else if (f.wireType() == ProtoMessage.FIXED32) {
                    values.add(Float.intBitsToFloat((int) f.value()));
                } else {
                    throw new IllegalArgumentException("weight '" + name + "' has float_data of wire type " + f.wireType());
                }
            }
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i);
            }
            return v;
        }

        private ProtoMessage rebuilt(Map<Integer, ProtoMessage> replaced, Set<Integer> removed, Set<String> droppedValues,
                                     Set<String> droppedInitializers, List<ProtoMessage> added) {
            List<Field> out = new ArrayList<>();
            int node = 0;
            for (Field f : message.fields()) {
                switch (f.number()) {
                    case 1 -> {
                        int i = node++;
                        if (!removed.contains(i)) {
                            out.add(replaced.containsKey(i) ? Field.ofBytes(1, replaced.get(i).toBytes()) : f);
                        }
                    }
                    case 5 -> {
                        if (!droppedInitializers.contains(ProtoMessage.parse(f.bytes()).string(8))) {
                            out.add(f);
                        }
                    }
                    case 13 -> {
                        if (!droppedValues.contains(ProtoMessage.parse(f.bytes()).string(1))) {
                            out.add(f);
                        }
                    }
                    default -> out.add(f);
                }
            }
            for (ProtoMessage t : added) {
                out.add(Field.ofBytes(5, t.toBytes()));
            }
            return new ProtoMessage(out);
        }
    }

    private static ProtoMessage fusedNode(ProtoMessage matmul, String input, String weight, String bias, String output) {
        List<Field> f = new ArrayList<>();
        f.add(Field.ofString(1, input));
        f.add(Field.ofString(1, weight + "_int8"));
        f.add(Field.ofString(1, weight + "_scale"));
        f.add(Field.ofString(1, weight + "_zero_point"));
        if (bias != null) {
            f.add(Field.ofString(1, bias));
        }
        f.add(Field.ofString(2, output));
        f.add(Field.ofString(3, matmul.string(3) + "_int8"));
        f.add(Field.ofString(4, "DynamicQuantizeMatMul"));
        f.add(Field.ofString(7, MS_DOMAIN));
        return new ProtoMessage(f);
    }

    /** @return the int8 weight, its per-column scales and zero points, as initializers */
    static List<ProtoMessage> quantisedWeight(Weight w) {
        float[] scale = new float[w.cols];
        for (int r = 0; r < w.rows; r++) {
            for (int c = 0; c < w.cols; c++) {
                scale[c] = Math.max(scale[c], Math.abs(w.values[r * w.cols + c]));
            }
        }
        for (int c = 0; c < w.cols; c++) {
            scale[c] = scale[c] == 0 ? 1f : scale[c] / 127f;
        }
        byte[] q = new byte[w.rows * w.cols];
        for (int r = 0; r < w.rows; r++) {
            for (int c = 0; c < w.cols; c++) {
                int v = Math.round(w.values[r * w.cols + c] / scale[c]);
                q[r * w.cols + c] = (byte) Math.max(-127, Math.min(127, v));
            }
        }
        ByteBuffer scales = ByteBuffer.allocate(4 * w.cols).order(ByteOrder.LITTLE_ENDIAN);
        scales.asFloatBuffer().put(scale);
        return List.of(
                tensor(w.name + "_int8", INT8, new long[] {w.rows, w.cols}, q),
                tensor(w.name + "_scale", FLOAT, new long[] {w.cols}, scales.array()),
                tensor(w.name + "_zero_point", INT8, new long[] {w.cols}, new byte[w.cols]));
    }

    private static ProtoMessage tensor(String name, int type, long[] dims, byte[] raw) {
        List<Field> f = new ArrayList<>();
        for (long d : dims) {
            f.add(Field.ofVarint(1, d));
        }
        f.add(Field.ofVarint(2, type));
        f.add(Field.ofString(8, name));
        f.add(Field.ofBytes(9, raw));
        return new ProtoMessage(f);
    }
}
