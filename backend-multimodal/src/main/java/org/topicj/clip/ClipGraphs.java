package org.topicj.clip;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.topicj.embed.BackendInitializationException;

/**
 * The ONNX sessions of a CLIP export and how to call them. With one graph, a text call feeds a
 * single blank image and an image call a single empty text (CLIP's towers are independent, and the
 * batch sizes of its two inputs need not match); with split graphs each tower runs alone.
 *
 * <p>Thread-safety: safe; ONNX Runtime sessions run concurrent calls.
 */
final class ClipGraphs implements AutoCloseable {
    /** The outputs Hugging Face's CLIP exports name their projections. */
    private static final String TEXT_EMBEDS = "text_embeds";
    private static final String IMAGE_EMBEDS = "image_embeds";

    private final OrtSession text;
    private final OrtSession vision;
    private final boolean combined;
    private final String textOutput;
    private final String imageOutput;
    private final boolean textTakesMask;
    private final long[] emptyText;
    private final int height;
    private final int width;
    private final int dimension;
    private final String modelId;

    private ClipGraphs(OrtSession text, OrtSession vision, boolean combined, long[] emptyText, int height, int width,
                       String modelId) throws OrtException {
        this.text = text;
        this.vision = vision;
        this.combined = combined;
        this.emptyText = emptyText;
        this.height = height;
        this.width = width;
        this.modelId = modelId;
        requireInputs(text, List.of("input_ids"), "text");
        requireInputs(vision, List.of("pixel_values"), "vision");
        this.textTakesMask = text.getInputNames().contains("attention_mask");
        this.textOutput = output(text, TEXT_EMBEDS, "text");
        this.imageOutput = output(vision, IMAGE_EMBEDS, "vision");
        checkImageSize(vision);
        this.dimension = image(new float[3 * height * width], 1, height, width).length;
        int textDimension = text(new long[][] {emptyText}, emptyText[emptyText.length - 1]).length;
        if (textDimension != dimension) {
            throw new BackendInitializationException("CLIP model '" + modelId + "' returns " + textDimension
                    + "-d text embeddings but " + dimension + "-d image embeddings; they must share one space");
        }
    }

    static ClipGraphs open(ClipFolder folder, int threads, long[] emptyText, int height, int width, String modelId) {
        OrtSession text = null;
        OrtSession vision = null;
        try {
            if (folder.combined().isPresent()) {
                text = session(folder.combined().get(), threads, modelId);
                return new ClipGraphs(text, text, true, emptyText, height, width, modelId);
            }
            text = session(folder.textGraph(), threads, modelId);
            vision = session(folder.visionGraph(), threads, modelId);
            return new ClipGraphs(text, vision, false, emptyText, height, width, modelId);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(text);
            if (vision != text) {
                closeQuietly(vision);
            }
            if (e instanceof BackendInitializationException b) {
                throw b;
            }
            throw new BackendInitializationException("cannot run CLIP model '" + modelId + "': " + e.getMessage(), e);
        }
    }

    /** @return the embedding width shared by both towers */
    int dimension() {
        return dimension;
    }

    /** Runs the text tower on token ids, padding each row with {@code padId}; rows x dimension, as the graph returns them. */
    float[] text(long[][] ids, long padId) {
        int seq = Arrays.stream(ids).mapToInt(r -> r.length).max().orElse(0);
        long[] flat = new long[ids.length * seq];
        long[] mask = new long[ids.length * seq];
        Arrays.fill(flat, padId);
        for (int r = 0; r < ids.length; r++) {
            System.arraycopy(ids[r], 0, flat, r * seq, ids[r].length);
            Arrays.fill(mask, r * seq, r * seq + ids[r].length, 1L);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            long[] shape = {ids.length, seq};
            inputs.put("input_ids", OnnxTensor.createTensor(env(), LongBuffer.wrap(flat), shape));
            if (textTakesMask) {
                inputs.put("attention_mask", OnnxTensor.createTensor(env(), LongBuffer.wrap(mask), shape));
            }
            if (combined) {
                inputs.put("pixel_values", OnnxTensor.createTensor(env(), FloatBuffer.allocate(3 * height * width),
                        new long[] {1, 3, height, width}));
            }
            return run(text, inputs, textOutput, ids.length);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + ids.length + " texts for CLIP model '" + modelId
                    + "': " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Runs the vision tower on preprocessed pixels (n x 3 x h x w); rows x dimension. */
    float[] image(float[] pixels, int n, int h, int w) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("pixel_values", OnnxTensor.createTensor(env(), FloatBuffer.wrap(pixels), new long[] {n, 3, h, w}));
            if (combined) {
                long[] shape = {1, emptyText.length};
                inputs.put("input_ids", OnnxTensor.createTensor(env(), LongBuffer.wrap(emptyText), shape));
                if (textTakesMask) {
                    long[] ones = new long[emptyText.length];
                    Arrays.fill(ones, 1L);
                    inputs.put("attention_mask", OnnxTensor.createTensor(env(), LongBuffer.wrap(ones), shape));
                }
            }
            return run(vision, inputs, imageOutput, n);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + n + " images for CLIP model '" + modelId
                    + "': " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] run(OrtSession session, Map<String, OnnxTensor> inputs, String output, int rows) throws OrtException {
        try (OrtSession.Result result = session.run(inputs, java.util.Set.of(output))) {
            OnnxTensor t = (OnnxTensor) result.get(output).orElseThrow();
            long[] shape = t.getInfo().getShape();
            if (shape.length != 2 || shape[0] != rows) {
                throw new IllegalStateException("CLIP model '" + modelId + "' returned " + output + " of shape "
                        + Arrays.toString(shape) + " for " + rows + " inputs; expected [" + rows + ", dimension]");
            }
            FloatBuffer fb = t.getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }

    private void requireInputs(OrtSession s, List<String> names, String tower) throws OrtException {
        for (String name : names) {
            if (!s.getInputNames().contains(name)) {
                throw new BackendInitializationException("CLIP " + tower + " graph of '" + modelId + "' has no input '"
                        + name + "'; its inputs: " + describe(s.getInputInfo()) + ". Expected a Hugging Face CLIP ONNX export");
            }
        }
    }

    private String output(OrtSession s, String preferred, String tower) throws OrtException {
        Map<String, NodeInfo> outputs = s.getOutputInfo();
        if (outputs.containsKey(preferred)) {
            return preferred;
        }
        List<String> matrices = outputs.entrySet().stream()
                .filter(e -> e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 2
                        && t.type == OnnxJavaType.FLOAT)
                .map(Map.Entry::getKey).sorted().toList();
        if (!combined && matrices.size() == 1) {
            return matrices.get(0);
        }
        throw new BackendInitializationException("CLIP " + tower + " graph of '" + modelId + "' has no output '" + preferred
                + "'; its outputs: " + describe(outputs));
    }

    private void checkImageSize(OrtSession s) throws OrtException {
        long[] shape = ((TensorInfo) s.getInputInfo().get("pixel_values").getInfo()).getShape();
        if (shape.length != 4 || shape[1] > 0 && shape[1] != 3 || shape[2] > 0 && shape[2] != height
                || shape[3] > 0 && shape[3] != width) {
            throw new BackendInitializationException("CLIP vision graph of '" + modelId + "' takes pixel_values "
                    + Arrays.toString(shape) + " but preprocessor_config.json makes [n, 3, " + height + ", " + width
                    + "]; use the preprocessor_config.json exported with the model");
        }
    }

    private static String describe(Map<String, NodeInfo> nodes) {
        return nodes.entrySet().stream().map(e -> e.getKey() + (e.getValue().getInfo() instanceof TensorInfo t
                ? Arrays.toString(t.getShape()).replace(" ", "") : "")).collect(Collectors.joining(", "));
    }

    private static OrtSession session(Path graph, int threads, String modelId) {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                o.setIntraOpNumThreads(threads);
            }
            return env().createSession(graph.toString(), o);
        } catch (OrtException e) {
            throw new BackendInitializationException("cannot load the ONNX graph " + graph + " of CLIP model '" + modelId
                    + "': " + e.getMessage() + "; is it a complete .onnx file?", e);
        }
    }

    private static OrtEnvironment env() {
        return OrtEnvironment.getEnvironment();
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // Already failing; the first error is the one to report.
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(text);
        if (vision != text) {
            closeQuietly(vision);
        }
    }
}
