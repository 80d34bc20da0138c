package org.topicj.hf;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.embed.BackendInitializationException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;
import org.topicj.spi.support.DjlRuntime;
import org.topicj.spi.support.LocalModelBuilder;
import org.topicj.spi.support.TokenPooling;

/**
 * A Hugging Face transformer traced to TorchScript, run on DJL's PyTorch engine: what BERTopic's
 * {@code pipeline("feature-extraction", model=...)} computes (token features, masked mean pooling,
 * L2 normalisation), with CLS pooling as an option. Texts longer than the model's positions are
 * truncated to them, never an error (BERTopic's pipeline fails there). Texts are sorted by length
 * into batches so padding stays short; results come back in input order.
 *
 * <p>Runs on the GPU when DJL finds one with a CUDA libtorch on the class path, else on the CPU;
 * the {@code device} option chooses. Thread-safety: safe; every concurrent caller borrows its own
 * predictor, and {@code close} waits for running calls before it frees the model.
 */
public final class HfEmbedder extends AbstractEmbedder {
    private static final Logger LOG = LoggerFactory.getLogger(HfEmbedder.class);

    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean tokenTypes;
    private final TokenPooling pooling;
    private final int batchSize;
    private final int maxLength;
    private final ConcurrentLinkedDeque<Predictor<NDList, NDList>> idle = new ConcurrentLinkedDeque<>();

    private HfEmbedder(Builder b, Loaded loaded) {
        super(b.modelId(), loaded.hidden, b.normalize, b.key());
        this.model = loaded.model;
        this.tokenizer = loaded.tokenizer;
        this.tokenTypes = loaded.tokenTypes;
        this.pooling = b.pooling;
        this.batchSize = b.batchSize();
        this.maxLength = loaded.maxLength;
        idle.push(loaded.firstPredictor);
    }

    /** @return a builder; {@link Builder#folder(Path)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the most tokens one text is cut to, special tokens included */
    public int maxLength() {
        return maxLength;
    }

    /** @return the device the model runs on */
    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** @return the pooling in use */
    public TokenPooling pooling() {
        return pooling;
    }

    @Override
    protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
        int n = texts.size();
        float[] out = new float[n * dimension()];
        Encoding[] encodings = new Encoding[n];
        for (int i = 0; i < n; i++) {
            encodings[i] = tokenizer.encode(texts.get(i));
        }
        // Longest first, so each batch pads to lengths close to its own.
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> encodings[i].getIds().length).reversed());
        for (int start = 0; start < n; start += batchSize) {
            int[] batch = Arrays.stream(order, start, Math.min(n, start + batchSize)).mapToInt(Integer::intValue).toArray();
            runBatch(encodings, batch, out);
            progress.update("embedding", Math.min(n, start + batchSize), n);
        }
        if (normalized()) {
            normalizeRows(out, dimension());
        }
        return DenseMatrix.wrap(n, dimension(), out);
    }

    private void runBatch(Encoding[] encodings, int[] batch, float[] out) {
        int width = encodings[batch[0]].getIds().length;
        for (int i : batch) {
            width = Math.max(width, encodings[i].getIds().length);
        }
        long[] ids = new long[batch.length * width];
        long[] mask = new long[batch.length * width];
        long[] types = new long[batch.length * width];
        for (int b = 0; b < batch.length; b++) {
            Encoding e = encodings[batch[b]];
            System.arraycopy(e.getIds(), 0, ids, b * width, e.getIds().length);
            System.arraycopy(e.getAttentionMask(), 0, mask, b * width, e.getAttentionMask().length);
            System.arraycopy(e.getTypeIds(), 0, types, b * width, e.getTypeIds().length);
        }
        float[] states = forward(ids, mask, types, batch.length, width);
        int hidden = dimension();
        for (int b = 0; b < batch.length; b++) {
            pooling.pool(states, b * width * hidden, mask, b * width, width, hidden, out, batch[b] * hidden);
        }
    }

    private float[] forward(long[] ids, long[] mask, long[] types, int rows, int width) {
        Predictor<NDList, NDList> predictor = idle.poll();
        if (predictor == null) {
            predictor = model.newPredictor(new NoopTranslator());
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList output = predictor.predict(inputs(manager, tokenTypes, ids, mask, types, rows, width));
            return checkedStates(output, rows, width, dimension(), modelId());
        } catch (TranslateException e) {
            throw new IllegalStateException("PyTorch failed on a batch of " + rows + " texts (" + width
                    + " tokens) for model '" + modelId() + "': " + e.getMessage(), e);
        } finally {
            idle.push(predictor);
        }
    }

    private static NDList inputs(NDManager m, boolean tokenTypes, long[] ids, long[] mask, long[] types, int rows, int width) {
        Shape shape = new Shape(rows, width);
        NDList list = new NDList(m.create(ids, shape), m.create(mask, shape));
        if (tokenTypes) {
            list.add(m.create(types, shape));
        }
        return list;
    }

    private static float[] checkedStates(NDList output, int rows, int width, int hidden, String modelId) {
        if (output.isEmpty()) {
            throw new IllegalStateException("model '" + modelId + "' returned nothing; expected last_hidden_state");
        }
        NDArray states = output.get(0);
        Shape s = states.getShape();
        if (s.dimension() != 3 || s.get(0) != rows || s.get(1) != width || (hidden > 0 && s.get(2) != hidden)) {
            throw new IllegalStateException("model '" + modelId + "' returned " + s + " for " + rows + " texts of "
                    + width + " tokens; expected last_hidden_state (" + rows + ", " + width + ", hidden)");
        }
        return states.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    }

    @Override
    protected void release() {
        try {
            Predictor<NDList, NDList> p;
            while ((p = idle.poll()) != null) {
                p.close();
            }
            model.close();
        } finally {
            tokenizer.close();
        }
    }

    private record Loaded(Model model, HuggingFaceTokenizer tokenizer, Predictor<NDList, NDList> firstPredictor,
                          boolean tokenTypes, int hidden, int maxLength) {
    }

    /** Options for {@link HfEmbedder}; {@link #folder(Path)} (TorchScript file and tokenizer.json) is required; batch size 32. */
    public static final class Builder extends LocalModelBuilder<Builder> {
        private String torchScriptFile;
        private TokenPooling pooling;
        private Boolean normalizeOption;
        private boolean normalize = true;
        private Integer maxLength;
        private Boolean tokenTypes;
        private String device;

        private Builder() {
            super(32);
        }

        /** @param file the TorchScript file's name in the folder, when it holds several; @return this */
        public Builder torchScriptFile(String file) {
            this.torchScriptFile = file;
            return this;
        }

        /** @param pooling mean (default) or CLS; @return this */
        public Builder pooling(TokenPooling pooling) {
            this.pooling = Objects.requireNonNull(pooling, "pooling");
            return this;
        }

        /** @param normalize whether rows are scaled to unit length; default true; @return this */
        public Builder normalize(boolean normalize) {
            this.normalizeOption = normalize;
            return this;
        }

        /** @param maxLength tokens per text, at most the model's limit; default the limit; @return this */
        public Builder maxLength(int maxLength) {
            if (maxLength < 2) {
                throw new IllegalArgumentException("max_length must be at least 2 (room for the special tokens), got " + maxLength);
            }
            this.maxLength = maxLength;
            return this;
        }

        /** @param tokenTypes whether the model takes token_type_ids; found by trying when unset; @return this */
        public Builder tokenTypes(boolean tokenTypes) {
            this.tokenTypes = tokenTypes;
            return this;
        }

        /** @param device {@code cpu}, {@code gpu} or {@code gpu:N}; default DJL's default device; @return this */
        public Builder device(String device) {
            this.device = device;
            return this;
        }

        /**
         * Loads the TorchScript model and tokenizer, and checks the model by embedding one word.
         *
         * @return the embedder; close it to free the model
         * @throws BackendInitializationException if the folder, tokenizer or model is unusable
         */
        public HfEmbedder build() {
            TorchScriptFolder f = TorchScriptFolder.read(requireFolder(), torchScriptFile);
            String id = modelId();
            if (pooling == null) {
                pooling = f.pooling().map(TokenPooling::parse).orElse(TokenPooling.MEAN);
            }
            normalize = normalizeOption != null ? normalizeOption : f.normalize().orElse(true);
            if (maxLength != null && maxLength > f.maxLength()) {
                throw new BackendInitializationException("max_length " + maxLength + " exceeds what model '" + id
                        + "' takes (" + f.maxLength() + " positions, from its config.json)");
            }
            int length = maxLength != null ? maxLength : f.maxLength();
            HuggingFaceTokenizer tok = tokenizer(f, length, id);
            Model model = null;
            try {
                model = model(f, id);
                Loaded loaded = probe(model, tok, tokenTypes != null ? tokenTypes : f.tokenTypes().orElse(null), length, id);
                LOG.debug("loaded TorchScript model {} from {} on {}: hidden {}, {} tokens, token types {}", id,
                        f.torchScript(), model.getNDManager().getDevice(), loaded.hidden, length, loaded.tokenTypes);
                return new HfEmbedder(this, loaded);
            } catch (RuntimeException | Error e) {
                if (model != null) {
                    model.close();
                }
                tok.close();
                throw e;
            }
        }

        private static HuggingFaceTokenizer tokenizer(TorchScriptFolder f, int length, String id) {
            DjlRuntime.offline();
            Map<String, String> options = Map.of("addSpecialTokens", "true", "truncation", "true", "padding", "false",
                    "maxLength", Integer.toString(length));
            try {
                return HuggingFaceTokenizer.newInstance(f.tokenizer(), options);
            } catch (IOException | RuntimeException e) {
                throw new BackendInitializationException("cannot load the tokenizer " + f.tokenizer() + " of model '" + id
                        + "': " + e.getMessage() + "; expected a Hugging Face tokenizer.json", e);
            }
        }

        private Model model(TorchScriptFolder f, String id) {
            String file = f.torchScript().getFileName().toString();
            try {
                Device d = device == null ? Engine.getEngine("PyTorch").defaultDevice() : Device.fromName(device);
                Model m = Model.newInstance(id, d, "PyTorch");
                try {
                    // mapLocation: a model traced on a GPU loads onto this device.
                    m.load(f.folder(), file.substring(0, file.length() - 3), Map.of("mapLocation", "true"));
                } catch (RuntimeException | IOException | MalformedModelException e) {
                    m.close();
                    throw e;
                }
                return m;
            } catch (IOException | MalformedModelException | RuntimeException | UnsatisfiedLinkError e) {
                throw new BackendInitializationException("cannot load TorchScript model " + f.torchScript() + " of '" + id
                        + "' on PyTorch: " + e.getMessage() + "; is it a torch.jit.trace/script export, and are "
                        + "ai.djl.pytorch:pytorch-jni and pytorch-native-cpu (with your platform's classifier) on the class path?", e);
            }
        }

        /** Runs one word through the model: finds whether it takes token_type_ids, and its hidden size. */
        private Loaded probe(Model model, HuggingFaceTokenizer tok, Boolean types, int length, String id) {
            Encoding e = tok.encode("hello");
            int width = e.getIds().length;
            Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
            RuntimeException first = null;
            for (boolean withTypes : types != null ? new boolean[] {types} : new boolean[] {true, false}) {
                try (NDManager m = model.getNDManager().newSubManager()) {
                    NDList out = predictor.predict(inputs(m, withTypes, e.getIds(), e.getAttentionMask(), e.getTypeIds(), 1, width));
                    int hidden = out.isEmpty() || out.get(0).getShape().dimension() != 3 ? -1 : (int) out.get(0).getShape().get(2);
                    if (hidden <= 0) {
                        predictor.close();
                        throw new BackendInitializationException("model '" + id + "' returned "
                                + (out.isEmpty() ? "nothing" : "an array of shape " + out.get(0).getShape())
                                + " as its first output; expected a 3-d last_hidden_state (batch, tokens, hidden). "
                                + "Trace the base model (AutoModel), not a head, with torchscript=True");
                    }
                    checkedStates(out, 1, width, hidden, id);
                    return new Loaded(model, tok, predictor, withTypes, hidden, length);
                } catch (TranslateException | RuntimeException x) {
                    if (x instanceof BackendInitializationException b) {
                        throw b;
                    }
                    first = first == null ? new RuntimeException(x.getMessage(), x) : first;
                }
            }
            predictor.close();
            throw new BackendInitializationException("model '" + id + "' cannot be called with (input_ids, attention_mask"
                    + (types == null ? "[, token_type_ids])" : types ? ", token_type_ids)" : ")") + ": "
                    + first.getMessage(), first);
        }
    }
}
