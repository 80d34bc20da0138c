package org.topicj.clip;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A tiny CLIP-shaped model the tests write themselves: ONNX graphs with the Hugging Face export's input
 * and output names (text: token embedding, masked mean, projection; vision: flattened pixels,
 * projection), a CLIP-style BPE tokenizer.json (end-of-word suffix, start and end tokens), and a
 * preprocessor_config.json at 16 x 16. {@link #textEmbedding} and {@link #imageEmbedding} compute the
 * same by hand.
 */
final class ClipFixtures {
    static final int SIZE = 16;
    static final int HIDDEN = 8;
    static final int DIM = 6;
    static final List<String> WORDS = List.of("a", "photo", "of", "cat", "dog", "on", "the", "grass", "red", "car");
    static final String BOS = "<|startoftext|>";
    static final String EOS = "<|endoftext|>";

    final Map<String, Integer> vocab = new LinkedHashMap<>();
    final List<String> merges = new ArrayList<>();
    final float[][] tokenTable;
    final float[][] textProjection;
    final float[][] imageProjection;

    ClipFixtures(long seed) {
        buildVocabulary();
        Random r = new Random(seed);
        tokenTable = gaussian(r, vocab.size(), HIDDEN);
        textProjection = gaussian(r, HIDDEN, DIM);
        imageProjection = gaussian(r, 3 * SIZE * SIZE, DIM);
    }

    static Path resource(String name) {
        try {
            return Path.of(ClipFixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void buildVocabulary() {
        Set<String> base = new LinkedHashSet<>();
        for (char c : "abcdefghijklmnopqrstuvwxyz0123456789.,!?'-".toCharArray()) {
            base.add(String.valueOf(c));
        }
        for (String b : List.copyOf(base)) {
            base.add(b + "</w>");
        }
        base.forEach(t -> vocab.put(t, vocab.size()));
        for (String word : WORDS) {
            String acc = word.substring(0, 1);
            for (int i = 1; i < word.length(); i++) {
                String next = i == word.length() - 1 ? word.charAt(i) + "</w>" : String.valueOf(word.charAt(i));
                String merge = acc + " " + next;
                acc = acc + next;
                if (!merges.contains(merge)) {
                    merges.add(merge);
                    vocab.putIfAbsent(acc, vocab.size());
                }
            }
        }
        vocab.put(BOS, vocab.size());
        vocab.put(EOS, vocab.size());
    }

    /** Writes a complete model folder: one graph ({@code combined}) or text and vision graphs. */
    Path write(Path folder, boolean combined) throws IOException {
        Files.createDirectories(folder);
        writeTokenizer(folder.resolve("tokenizer.json"));
        Files.copy(resource("/clip-preprocess/preprocessor_config.json"), folder.resolve("preprocessor_config.json"));
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"clip\", \"projection_dim\": " + DIM
                + ", \"text_config\": {\"max_position_embeddings\": 77}}");
        if (combined) {
            save(model(true, true), folder.resolve("model.onnx"));
        } else {
            Files.createDirectories(folder.resolve("onnx"));
            save(model(true, false), folder.resolve("onnx/text_model.onnx"));
            save(model(false, true), folder.resolve("onnx/vision_model.onnx"));
        }
        return folder;
    }

    void writeTokenizer(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : List.of(BOS, EOS)) {
            added.addObject().put("id", vocab.get(special)).put("content", special).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", true).put("special", true);
        }
        root.putObject("normalizer").put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "RobertaProcessing");
        post.putArray("sep").add(EOS).add(vocab.get(EOS));
        post.putArray("cls").add(BOS).add(vocab.get(BOS));
        post.put("trim_offsets", false).put("add_prefix_space", false);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout").put("unk_token", EOS).put("continuing_subword_prefix", "")
                .put("end_of_word_suffix", "</w>").put("fuse_unk", false);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        ArrayNode m = model.putArray("merges");
        merges.forEach(m::add);
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    /** What the text tower returns for token ids (before normalisation). */
    float[] textEmbedding(long[] ids) {
        float[] mean = new float[HIDDEN];
        for (long id : ids) {
            for (int j = 0; j < HIDDEN; j++) {
                mean[j] += tokenTable[(int) id][j] / ids.length;
            }
        }
        return project(mean, textProjection);
    }

    /** What the vision tower returns for channels-first pixels (before normalisation). */
    float[] imageEmbedding(float[] pixels) {
        return project(pixels, imageProjection);
    }

    static float[] normalized(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(s));
        }
        return out;
    }

    private static float[] project(float[] x, float[][] w) {
        float[] out = new float[w[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += x[i] * w[i][j];
            }
        }
        return out;
    }

    private ModelProto model(boolean text, boolean vision) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny-clip");
        if (text) {
            g.addInput(value("input_ids", TensorProto.DataType.INT64, "batch", "sequence"));
            g.addInput(value("attention_mask", TensorProto.DataType.INT64, "batch", "sequence"));
            g.addInitializer(floats("token_embedding", tokenTable));
            g.addInitializer(floats("text_projection", textProjection));
            g.addInitializer(longs("axis2", 2));
            g.addInitializer(longs("axis1", 1));
            g.addNode(node("Gather", List.of("token_embedding", "input_ids"), "tokens"));
            g.addNode(node("Cast", List.of("attention_mask"), "mask_f", attr("to", TensorProto.DataType.FLOAT.getNumber())));
            g.addNode(node("Unsqueeze", List.of("mask_f", "axis2"), "mask3"));
            g.addNode(node("Mul", List.of("tokens", "mask3"), "masked"));
            g.addNode(node("ReduceSum", List.of("masked", "axis1"), "summed", attr("keepdims", 0)));
            g.addNode(node("ReduceSum", List.of("mask3", "axis1"), "count", attr("keepdims", 0)));
            g.addNode(node("Div", List.of("summed", "count"), "pooled"));
            g.addNode(node("MatMul", List.of("pooled", "text_projection"), "text_embeds"));
            g.addOutput(value("text_embeds", TensorProto.DataType.FLOAT, "batch", String.valueOf(DIM)));
        }
        if (vision) {
            g.addInput(value("pixel_values", TensorProto.DataType.FLOAT, "image_batch", "3", String.valueOf(SIZE), String.valueOf(SIZE)));
            g.addInitializer(floats("visual_projection", imageProjection));
            g.addNode(node("Flatten", List.of("pixel_values"), "flat", attr("axis", 1)));
            g.addNode(node("MatMul", List.of("flat", "visual_projection"), "image_embeds"));
            g.addOutput(value("image_embeds", TensorProto.DataType.FLOAT, "image_batch", String.valueOf(DIM)));
        }
        if (text && vision) {
            g.addNode(node("Transpose", List.of("text_embeds"), "text_t"));
            g.addNode(node("MatMul", List.of("image_embeds", "text_t"), "logits_per_image"));
            g.addOutput(value("logits_per_image", TensorProto.DataType.FLOAT, "image_batch", "batch"));
        }
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("topicj-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(g).build();
    }

    static void save(ModelProto model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
    }

    private static ValueInfoProto value(String name, TensorProto.DataType type, String... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String d : dims) {
            shape.addDim(d.chars().allMatch(Character::isDigit)
                    ? TensorShapeProto.Dimension.newBuilder().setDimValue(Long.parseLong(d))
                    : TensorShapeProto.Dimension.newBuilder().setDimParam(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    private static NodeProto node(String op, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output + "_" + op).addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }

    private static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static TensorProto floats(String name, float[][] rows) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addDims(rows.length).addDims(rows[0].length);
        for (float[] row : rows) {
            for (float x : row) {
                t.addFloatData(x);
            }
        }
        return t.build();
    }

    private static TensorProto longs(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static float[][] gaussian(Random r, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (r.nextGaussian() * 0.5);
            }
        }
        return m;
    }
}
