package org.topicj.sbert;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.TokenEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;
import org.topicj.spi.support.DjlRuntime;
import org.topicj.spi.support.SentenceTransformerModules;
import org.topicj.spi.support.TokenPooling;

/**
 * A sentence-transformers model on ONNX Runtime: the same vectors as Python's
 * {@code SentenceTransformer(model).encode(texts)}: truncation at the model's {@code max_seq_length}
 * word pieces (special tokens included), attention-masked pooling, optional Dense layers and
 * L2 normalisation.
 *
 * <p>Texts are tokenised, sorted by length and run in batches padded to each batch's longest
 * text, so short texts do not pay for long ones; results come back in input order.
 *
 * <pre>{@code
 * try (SentenceTransformerEmbedder e = SentenceTransformerEmbedder.builder()
 *         .model("all-MiniLM-L6-v2").batchSize(64).build()) {
 *     Matrix vectors = e.embed(texts);
 * }
 * }</pre>
 *
 * <p>Thread-safety: safe for concurrent callers; they share one ONNX session. Holds native
 * memory: close it.
 */
public final class SentenceTransformerEmbedder extends AbstractEmbedder implements TokenEmbedder {
    private static final Logger LOG = LoggerFactory.getLogger(SentenceTransformerEmbedder.class);
    private static final List<String> TOKEN_OUTPUTS = List.of("token_embeddings", "last_hidden_state");

    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final SentenceTransformerModules config;
    private final boolean hasTokenTypes;
    private final String outputName;
    private final int hidden;
    private final int batchSize;
    private final String origin;
    private final ModelBlob tokenizerFile;
    private final Precision precision;

    private SentenceTransformerEmbedder(Loaded loaded, int batchSize, Precision precision, String key) {
        super(loaded.source.modelId(), loaded.dimension, loaded.source.config().normalize(), key);
        this.session = loaded.session;
        this.tokenizer = loaded.tokenizer;
        this.config = loaded.source.config();
        this.hasTokenTypes = loaded.hasTokenTypes;
        this.outputName = loaded.outputName;
        this.hidden = loaded.hidden;
        this.batchSize = batchSize;
        this.origin = loaded.source.origin();
        this.tokenizerFile = loaded.source.tokenizer();
        this.precision = precision;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return where the model was found: a folder, a jar, the Hugging Face cache */
    public String origin() {
        return origin;
    }

    /** @return the number format the model runs in */
    public Precision precision() {
        return precision;
    }

    /** @return the maximum number of word pieces per text, special tokens included */
    public int maxSeqLength() {
        return config.maxSeqLength();
    }

    @Override
    protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
        int n = texts.size();
        long[][] ids = new long[n][];
        long[][] types = new long[n][];
        for (int i = 0; i < n; i++) {
            String text = config.doLowerCase() ? texts.get(i).toLowerCase(Locale.ROOT) : texts.get(i);
            Encoding enc = tokenizer.encode(text);
            ids[i] = enc.getIds();
            types[i] = enc.getTypeIds();
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> ids[i].length).reversed());
        float[] out = new float[n * dimension()];
        for (int start = 0; start < n; start += batchSize) {
            int[] batch = Arrays.stream(order, start, Math.min(n, start + batchSize)).mapToInt(Integer::intValue).toArray();
            runBatch(batch, ids, types, out);
            progress.update("embedding", Math.min(n, start + batchSize), n);
        }
        return DenseMatrix.wrap(n, dimension(), out);
    }

    @Override
    public String tokenizerJson() {
        return whileOpen(() -> {
            try {
                return new String(tokenizerFile.readAll(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read the tokenizer " + tokenizerFile + " of '" + modelId() + "'", e);
            }
        });
    }

    @Override
    public int hiddenSize() {
        return hidden;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sequences are sorted by length and run in batches of {@link Builder#batchSize} padded to the
     * batch's longest, with {@code token_type_ids} all 0, as model2vec's distillation runs them.
     */
    @Override
    public Matrix embedTokenIds(List<int[]> sequences, TokenEmbedder.Pooling pooling, ProgressListener progress) {
        Objects.requireNonNull(pooling, "pooling");
        ProgressListener listener = ProgressListener.orNone(progress);
        int n = sequences.size();
        long[][] ids = new long[n][];
        for (int i = 0; i < n; i++) {
            int[] seq = sequences.get(i);
            if (seq == null || seq.length == 0) {
                throw new IllegalArgumentException("token sequence " + i + " is empty; every sequence needs at least one id");
            }
            ids[i] = Arrays.stream(seq).asLongStream().toArray();
        }
        TokenPooling how = switch (pooling) {
            case MEAN -> TokenPooling.MEAN;
            case FIRST -> TokenPooling.CLS;
            case LAST -> TokenPooling.LAST_TOKEN;
        };
        return whileOpen(() -> {
            Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingInt((Integer i) -> ids[i].length));
            float[] out = new float[n * hidden];
            long[][] types = new long[n][];
            for (int i = 0; i < n; i++) {
                types[i] = new long[ids[i].length];
            }
            for (int start = 0; start < n; start += batchSize) {
                int[] batch = Arrays.stream(order, start, Math.min(n, start + batchSize)).mapToInt(Integer::intValue).toArray();
                runBatch(batch, ids, types, (states, b, mask, seq) ->
                        how.pool(states, b * seq * hidden, mask, b * seq, seq, hidden, out, batch[b] * hidden));
                listener.update("embedding tokens", Math.min(n, start + batchSize), n);
            }
            return DenseMatrix.wrap(n, hidden, out);
        });
    }

    /** What to do with each row of a batch's hidden states. */
    @FunctionalInterface
    private interface RowSink {
        void accept(float[] states, int row, long[] mask, int seq);
    }

    private void runBatch(int[] batch, long[][] ids, long[][] types, float[] out) {
        runBatch(batch, ids, types, (states, b, mask, seq) -> {
            float[] vector = config.pool(states, b * seq * hidden, mask, b * seq, seq, hidden);
            System.arraycopy(vector, 0, out, batch[b] * dimension(), dimension());
        });
    }

    private void runBatch(int[] batch, long[][] ids, long[][] types, RowSink sink) {
        int seq = 0;
        for (int i : batch) {
            seq = Math.max(seq, ids[i].length);
        }
        long[] inputIds = new long[batch.length * seq];
        long[] mask = new long[batch.length * seq];
        long[] typeIds = new long[batch.length * seq];
        for (int b = 0; b < batch.length; b++) {
            long[] row = ids[batch[b]];
            System.arraycopy(row, 0, inputIds, b * seq, row.length);
            System.arraycopy(types[batch[b]], 0, typeIds, b * seq, row.length);
            Arrays.fill(mask, b * seq, b * seq + row.length, 1L);
        }
        long[] shape = {batch.length, seq};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (hasTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(typeIds), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue value = result.get(outputName).orElseThrow();
                FloatBuffer fb = ((OnnxTensor) value).getFloatBuffer();
                float[] hiddenStates = new float[fb.remaining()];
                fb.get(hiddenStates);
                for (int b = 0; b < batch.length; b++) {
                    sink.accept(hiddenStates, b, mask, seq);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + batch.length + " texts for model '"
                    + modelId() + "': " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    protected void release() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing the ONNX session of '{}' failed: {}", modelId(), e.toString());
        } finally {
            tokenizer.close();
        }
    }

    /** The native pieces, loaded before the embedder exists so that a failure can release them. */
    private record Loaded(ModelSource source, OrtSession session, HuggingFaceTokenizer tokenizer, boolean hasTokenTypes,
                          String outputName, int hidden, int dimension) {
    }

    static SentenceTransformerEmbedder open(ModelSource source, int batchSize, int threads, String key) {
        return open(source, batchSize, threads, Precision.FP32, key);
    }

    static SentenceTransformerEmbedder open(ModelSource source, int batchSize, int threads, Precision precision, String key) {
        LOG.debug("loading sentence-transformers model '{}' from {} in {}", source.modelId(), source.origin(), precision.label());
        OrtSession session = createSession(source, threads, precision);
        try {
            Loaded loaded = inspect(source, session, loadTokenizer(source));
            return new SentenceTransformerEmbedder(loaded, batchSize, precision, key);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static OrtSession createSession(ModelSource source, int threads, Precision precision) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            ModelBlob graph = source.graph();
            if (precision == Precision.INT8) {
                return env.createSession(quantised(source, graph.readAll()), options);
            }
            return graph.file() != null
                    ? env.createSession(graph.file().toString(), options)
                    : env.createSession(graph.readAll(), options);
        } catch (OrtException | IOException e) {
            throw new BackendInitializationException("cannot load the ONNX graph " + source.graph() + " of model '"
                    + source.modelId() + "': " + e.getMessage() + "; is it a complete .onnx file?", e);
        }
    }

    private static byte[] quantised(ModelSource source, byte[] graph) {
        long start = System.nanoTime();
        Int8Quantizer.Result r;
        try {
            r = Int8Quantizer.quantise(graph);
        } catch (IllegalArgumentException e) {
            throw new BackendInitializationException("cannot quantise the ONNX graph " + source.graph() + " of model '"
                    + source.modelId() + "' to int8: " + e.getMessage() + "; use precision=fp32 for this model", e);
        }
        if (r.alreadyQuantised()) {
            LOG.info("model '{}' is already quantised; running it as it is", source.modelId());
        } else {
            LOG.info("model '{}': {} MatMuls quantised to int8 ({} biases folded) in {} ms", source.modelId(), r.quantised(),
                    r.biasesFolded(), (System.nanoTime() - start) / 1_000_000);
        }
        return r.model();
    }

    private static HuggingFaceTokenizer loadTokenizer(ModelSource source) {
        DjlRuntime.offline();
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(source.config().maxSeqLength()));
        try (InputStream in = source.tokenizer().open()) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException | RuntimeException e) {
            throw new BackendInitializationException("cannot load the tokenizer " + source.tokenizer() + " of model '"
                    + source.modelId() + "': " + e.getMessage() + "; expected a Hugging Face tokenizer.json", e);
        }
    }

    private static Loaded inspect(ModelSource source, OrtSession session, HuggingFaceTokenizer tokenizer) {
        try {
            var inputs = session.getInputNames();
            for (String required : List.of("input_ids", "attention_mask")) {
                if (!inputs.contains(required)) {
                    throw new BackendInitializationException("ONNX graph " + source.graph() + " has no input '" + required
                            + "'; inputs: " + inputs + ". Expected a transformer exported with input_ids and attention_mask");
                }
            }
            for (String input : inputs) {
                if (!List.of("input_ids", "attention_mask", "token_type_ids").contains(input)) {
                    throw new BackendInitializationException("ONNX graph " + source.graph() + " needs input '" + input
                            + "', which a sentence-transformers model does not have; inputs: " + inputs);
                }
            }
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String output = chooseOutput(source, outputs);
            long[] shape = ((TensorInfo) outputs.get(output).getInfo()).getShape();
            int hidden = (int) shape[2];
            if (hidden <= 0) {
                throw new BackendInitializationException("ONNX graph " + source.graph() + ": output '" + output
                        + "' does not declare its hidden size (shape " + Arrays.toString(shape) + ")");
            }
            int dimension;
            try {
                dimension = source.config().dimension(hidden);
            } catch (BackendInitializationException e) {
                throw new BackendInitializationException("model '" + source.modelId() + "': " + e.getMessage(), e);
            }
            return new Loaded(source, session, tokenizer, inputs.contains("token_type_ids"), output, hidden, dimension);
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            throw e instanceof BackendInitializationException b ? b
                    : new BackendInitializationException("cannot inspect ONNX graph " + source.graph() + ": " + e.getMessage(), e);
        }
    }

    private static String chooseOutput(ModelSource source, Map<String, NodeInfo> outputs) {
        for (String name : TOKEN_OUTPUTS) {
            if (outputs.containsKey(name)) {
                return name;
            }
        }
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 3) {
                return e.getKey();
            }
        }
        throw new BackendInitializationException("ONNX graph " + source.graph() + " has no token-level output of shape "
                + "[batch, tokens, hidden] (expected 'last_hidden_state' or 'token_embeddings'); outputs: " + outputs.keySet());
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException | RuntimeException ignored) {
            // already failing; the original error matters
        }
    }

    /**
     * Options for {@link SentenceTransformerEmbedder}. Thread-safety: not thread-safe; build once.
     */
    public static final class Builder {
        private String model = "all-MiniLM-L6-v2";
        private int batchSize = 32;
        private int threads;
        private Integer maxSeqLength;
        private String revision;
        private String onnxFile;
        private String key;
        private boolean allowDownload;
        private Precision precision = Precision.FP32;
        private java.util.function.Function<String, String> env = System::getenv;
        private ClassLoader loader = SentenceTransformerEmbedder.class.getClassLoader();

        private Builder() {
        }

        /**
         * @param idOrFolder a model id (bundled or in the Hugging Face cache) or a folder path
         * @return this
         */
        public Builder model(String idOrFolder) {
            this.model = Objects.requireNonNull(idOrFolder, "idOrFolder");
            return this;
        }

        /**
         * @param folder a sentence-transformers model folder with an ONNX graph
         * @return this
         */
        public Builder modelFolder(Path folder) {
            this.model = folder.toAbsolutePath().toString();
            return this;
        }

        /**
         * @param size texts per ONNX run, &ge; 1 (default 32)
         * @return this
         */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * @param count ONNX Runtime intra-op threads; 0 lets it use every core (default)
         * @return this
         */
        public Builder threads(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("threads must be 0 (all cores) or more, got " + count);
            }
            this.threads = count;
            return this;
        }

        /**
         * @param length word pieces kept per text, replacing the model's {@code max_seq_length}
         * @return this
         */
        public Builder maxSeqLength(int length) {
            this.maxSeqLength = length;
            return this;
        }

        /**
         * @param rev a branch, tag or commit of the Hugging Face cache entry (default: main)
         * @return this
         */
        public Builder revision(String rev) {
            this.revision = rev;
            return this;
        }

        /**
         * @param relativePath the ONNX graph inside the model folder (default: model.onnx or onnx/model.onnx)
         * @return this
         */
        public Builder onnxFile(String relativePath) {
            this.onnxFile = relativePath;
            return this;
        }

        /**
         * @param allow fetch a model missing from the cache from the Hugging Face Hub ({@code HF_ENDPOINT},
         *     {@code HF_TOKEN} honoured) into the cache (default false: TopicJ never downloads unasked)
         * @return this
         */
        public Builder allowDownload(boolean allow) {
            this.allowDownload = allow;
            return this;
        }

        /**
         * @param format the number format of the model's matrix multiplications (default {@link Precision#FP32});
         *     {@link Precision#INT8} quantises the graph's MatMul weights while loading
         * @return this
         */
        public Builder precision(Precision format) {
            this.precision = Objects.requireNonNull(format, "format");
            return this;
        }

        Builder key(String registryKey) {
            this.key = registryKey;
            return this;
        }

        Builder environment(java.util.function.Function<String, String> variables) {
            this.env = variables;
            return this;
        }

        /**
         * Finds and loads the model.
         *
         * @return the embedder
         * @throws BackendInitializationException if the model cannot be found or loaded, saying where it looked
         */
        public SentenceTransformerEmbedder build() {
            ModelSource source = new ModelLocator(env, loader).locate(model, revision, onnxFile, allowDownload);
            if (maxSeqLength != null) {
                source = new ModelSource(source.modelId(), source.graph(), source.tokenizer(),
                        source.config().withMaxSeqLength(maxSeqLength), source.origin());
            }
            return open(source, batchSize, threads, precision, key);
        }
    }
}
