package org.topicj.hf;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.embed.BackendInitializationException;
import org.topicj.hf.nn.Architecture;
import org.topicj.hf.nn.Architectures;
import org.topicj.hf.nn.Precision;
import org.topicj.hf.nn.TokenBatch;
import org.topicj.hf.nn.Weights;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.VectorMath;
import org.topicj.progress.ProgressListener;
import org.topicj.spi.support.DjlRuntime;
import org.topicj.spi.support.LocalModelBuilder;
import org.topicj.spi.support.SentenceTransformerModules;
import org.topicj.spi.support.TokenBatches;
import org.topicj.spi.support.TokenPooling;

/**
 * Any supported Hugging Face model straight from its files ({@code config.json}, safetensors
 * weights, {@code tokenizer.json}), with no Python and no export: the network is built from the
 * config ({@link Architectures#supported()}) and run on DJL's PyTorch engine. A sentence-transformers
 * folder runs as {@code SentenceTransformer(folder).encode(texts)} does (its pooling, Dense layers,
 * Normalize, prompts, maximum length); a plain transformer folder as BERTopic's feature-extraction
 * pipeline (mean pooling, or last-token for Qwen3, then L2 normalisation).
 *
 * <p>Documents get the model's clustering or document prompt unless another is chosen
 * ({@link SentenceTransformerModules#documentPromptName()}). Texts longer than the model are cut
 * (default) or, with {@link LongDocuments#CHUNK}, embedded as overlapping windows whose vectors are
 * averaged. {@code truncateDim} keeps the first dimensions of a Matryoshka model, renormalised.
 *
 * <pre>{@code
 * try (TransformerEmbedder e = TransformerEmbedder.builder().folder(Path.of("/models/bge-base-en-v1.5"))
 *         .precision(Precision.BFLOAT16).build()) {
 *     Matrix vectors = e.embed(texts);
 * }
 * }</pre>
 *
 * <p>Thread-safety: safe for concurrent callers (each call works in its own native memory scope;
 * the weights are shared and only read); {@code close} waits for calls in flight.
 */
public final class TransformerEmbedder extends AbstractEmbedder {
    private static final Logger LOG = LoggerFactory.getLogger(TransformerEmbedder.class);
    /** Padded tokens per model run at most, so a batch of long texts holds fewer of them. */
    private static final long TOKEN_BUDGET = 16_384;

    /** What happens to a text longer than the model's maximum length. */
    public enum LongDocuments {
        /** Keep the first tokens (sentence-transformers' behaviour). */
        TRUNCATE,
        /** Embed overlapping windows that cover the whole text and average them, weighted by length. */
        CHUNK;

        /** @param name truncate or chunk @return the mode */
        public static LongDocuments parse(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "truncate" -> TRUNCATE;
                case "chunk" -> CHUNK;
                default -> throw new IllegalArgumentException("long_documents must be truncate or chunk, got '" + name + "'");
            };
        }
    }

    private final Architecture network;
    private final NDManager root;
    private final TextEncoder encoder;
    private final SentenceTransformerModules modules;
    private final int batchSize;
    private final int maxLength;
    private final long padId;
    private final int fullDimension;
    private final LongDocuments longDocuments;
    private final int overlap;
    private final Precision precision;

    private TransformerEmbedder(Builder b, Loaded l) {
        super(b.modelId(), l.dimension, l.modules.normalize(), b.key());
        this.network = l.network;
        this.root = l.root;
        this.encoder = l.encoder;
        this.modules = l.modules;
        this.batchSize = b.batchSize();
        this.maxLength = l.maxLength;
        this.padId = l.padId;
        this.fullDimension = l.fullDimension;
        this.longDocuments = b.longDocuments;
        this.overlap = l.overlap;
        this.precision = b.precision;
    }

    /** @return a builder; {@link Builder#folder(Path)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the config's model type */
    public String modelType() {
        return network.modelType();
    }

    /** @return the most tokens one sequence holds, special tokens included */
    public int maxLength() {
        return maxLength;
    }

    /** @return the prompt prepended to every text ("" for none) */
    public String prompt() {
        return encoder.prompt();
    }

    /** @return the precision the network runs in */
    public Precision precision() {
        return precision;
    }

    /** @return the device the network runs on */
    public Device device() {
        return root.getDevice();
    }

    @Override
    protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
        int n = texts.size();
        List<TextEncoder.Sequence> sequences = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sequences.addAll(encoder.encode(i, texts.get(i), longDocuments == LongDocuments.CHUNK, overlap));
        }
        int[] lengths = sequences.stream().mapToInt(s -> s.ids().length).toArray();
        double[] sums = new double[n * fullDimension];
        double[] weights = new double[n];
        int done = 0;
        for (int[] batch : TokenBatches.byLength(lengths, batchSize, TOKEN_BUDGET)) {
            runBatch(sequences, batch, sums, weights);
            done += batch.length;
            progress.update("embedding", done, sequences.size());
        }
        return DenseMatrix.wrap(n, dimension(), finish(sums, weights, n));
    }

    private void runBatch(List<TextEncoder.Sequence> sequences, int[] batch, double[] sums, double[] weights) {
        int width = 0;
        for (int i : batch) {
            width = Math.max(width, sequences.get(i).ids().length);
        }
        long[] ids = new long[batch.length * width];
        long[] mask = new long[ids.length];
        long[] poolMask = new long[ids.length];
        java.util.Arrays.fill(ids, padId);
        int skip = modules.includePrompt() ? 0 : encoder.promptLength();
        for (int b = 0; b < batch.length; b++) {
            long[] row = sequences.get(batch[b]).ids();
            System.arraycopy(row, 0, ids, b * width, row.length);
            java.util.Arrays.fill(mask, b * width, b * width + row.length, 1L);
            java.util.Arrays.fill(poolMask, b * width + Math.min(skip, row.length), b * width + row.length, 1L);
        }
        float[] states;
        try (NDManager m = root.newSubManager()) {
            states = network.forward(m, new TokenBatch(ids, mask, new long[ids.length], batch.length, width)).toFloatArray();
        } catch (RuntimeException e) {
            throw new IllegalStateException("PyTorch failed on a batch of " + batch.length + " sequences (" + width
                    + " tokens) for model '" + modelId() + "': " + e.getMessage(), e);
        }
        int hidden = network.hiddenSize();
        for (int b = 0; b < batch.length; b++) {
            TextEncoder.Sequence s = sequences.get(batch[b]);
            float[] v = modules.pool(states, b * width * hidden, poolMask, b * width, width, hidden);
            int base = s.text() * fullDimension;
            for (int j = 0; j < fullDimension; j++) {
                sums[base + j] += s.weight() * v[j];
            }
            weights[s.text()] += s.weight();
        }
    }

    /** Averages each text's windows, keeps the first {@code dimension()} values, and renormalises. */
    private float[] finish(double[] sums, double[] weights, int n) {
        int d = dimension();
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) (sums[i * fullDimension + j] / weights[i]);
            }
        }
        if (normalized()) {
            VectorMath.normalizeRows(out, d);
        }
        return out;
    }

    @Override
    protected void release() {
        try {
            network.close();
        } finally {
            try {
                root.close();
            } finally {
                encoder.close();
            }
        }
    }

    private record Loaded(Architecture network, NDManager root, TextEncoder encoder, SentenceTransformerModules modules,
                          int maxLength, long padId, int fullDimension, int dimension, int overlap) {
    }

    /**
     * Options for {@link TransformerEmbedder}. Required: {@link #folder(Path)}. Defaults: batch size
     * 32, float32, DJL's default device, the folder's length limit, pooling and normalisation, the
     * document prompt, no truncation of dimensions, {@link LongDocuments#TRUNCATE}.
     */
    public static final class Builder extends LocalModelBuilder<Builder> {
        private Precision precision = Precision.FLOAT32;
        private String device;
        private Integer maxLength;
        private String prompt;
        private String promptName;
        private Integer truncateDim;
        private LongDocuments longDocuments = LongDocuments.TRUNCATE;
        private Integer chunkOverlap;
        private TokenPooling pooling;
        private Boolean normalize;

        private Builder() {
            super(32);
        }

        /** @param precision float32 (default) or bfloat16; @return this */
        public Builder precision(Precision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        /** @param device {@code cpu}, {@code gpu} or {@code gpu:N}; @return this */
        public Builder device(String device) {
            this.device = device;
            return this;
        }

        /** @param maxLength tokens per sequence, special tokens included, at most the model's; @return this */
        public Builder maxLength(int maxLength) {
            if (maxLength < 2) {
                throw new IllegalArgumentException("max_length must be at least 2, got " + maxLength);
            }
            this.maxLength = maxLength;
            return this;
        }

        /** @param prompt text prepended to every text, overriding the folder's prompts ("" for none); @return this */
        public Builder prompt(String prompt) {
            this.prompt = Objects.requireNonNull(prompt, "prompt");
            return this;
        }

        /** @param promptName one of the folder's prompts (config_sentence_transformers.json); @return this */
        public Builder promptName(String promptName) {
            this.promptName = Objects.requireNonNull(promptName, "promptName");
            return this;
        }

        /** @param truncateDim keep this many leading dimensions (Matryoshka models), renormalised; @return this */
        public Builder truncateDim(int truncateDim) {
            if (truncateDim < 1) {
                throw new IllegalArgumentException("truncate_dim must be positive, got " + truncateDim);
            }
            this.truncateDim = truncateDim;
            return this;
        }

        /** @param mode what to do with texts longer than the model; @return this */
        public Builder longDocuments(LongDocuments mode) {
            this.longDocuments = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** @param tokens tokens neighbouring windows share (chunk mode); default a quarter of a window; @return this */
        public Builder chunkOverlap(int tokens) {
            if (tokens < 0) {
                throw new IllegalArgumentException("chunk_overlap must be zero or more, got " + tokens);
            }
            this.chunkOverlap = tokens;
            return this;
        }

        /** @param pooling pooling instead of the folder's; @return this */
        public Builder pooling(TokenPooling pooling) {
            this.pooling = Objects.requireNonNull(pooling, "pooling");
            return this;
        }

        /** @param normalize whether vectors get unit length, instead of the folder's choice; @return this */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /**
         * Reads the folder, builds the network and loads the weights.
         *
         * @return the embedder; close it to free the weights
         * @throws BackendInitializationException if the folder, a file or an option does not fit
         */
        public TransformerEmbedder build() {
            TransformerFolder f = TransformerFolder.read(requireFolder());
            SentenceTransformerModules modules = f.modules();
            if (pooling != null || normalize != null) {
                modules = modules.withPooling(pooling != null ? pooling : modules.orderedPooling().get(0),
                        normalize != null ? normalize : modules.normalize());
            }
            String chosenPrompt = prompt(modules);
            NDManager root = manager();
            Architecture network = null;
            TextEncoder encoder = null;
            try {
                network = Architectures.build(f.config(), Weights.open(f.transformer(), root.newSubManager(), precision));
                int length = length(modules, network);
                int full = dimension(modules, network);
                int dim = truncateDim == null ? full : truncateDim;
                if (dim > full) {
                    throw new BackendInitializationException("truncate_dim " + dim + " exceeds the " + full
                            + " dimensions of model '" + modelId() + "'");
                }
                encoder = TextEncoder.open(f.tokenizer(), modelId(), modules.doLowerCase(), chosenPrompt, length);
                int overlap = chunkOverlap != null ? chunkOverlap : encoder.room() / 4;
                if (overlap >= encoder.room()) {
                    throw new BackendInitializationException("chunk_overlap " + overlap + " must be less than the "
                            + encoder.room() + " text tokens a window of " + length + " holds");
                }
                LOG.debug("loaded {} model {} from {} on {} in {}: hidden {}, {} tokens, prompt '{}'", network.modelType(),
                        modelId(), f.transformer(), root.getDevice(), precision.optionName(), network.hiddenSize(), length,
                        chosenPrompt);
                return new TransformerEmbedder(this, new Loaded(network, root, encoder, modules, length, f.padId(), full,
                        dim, overlap));
            } catch (RuntimeException | Error e) {
                if (encoder != null) {
                    encoder.close();
                }
                if (network != null) {
                    network.close();
                }
                root.close();
                throw e;
            }
        }

        private String prompt(SentenceTransformerModules modules) {
            if (prompt != null) {
                return prompt;
            }
            String name = promptName != null ? promptName : modules.documentPromptName().orElse(null);
            try {
                return name == null ? "" : modules.prompt(null, name);
            } catch (IllegalArgumentException e) {
                throw new BackendInitializationException("model '" + modelId() + "': " + e.getMessage(), e);
            }
        }

        private int length(SentenceTransformerModules modules, Architecture network) {
            int limit = Math.min(modules.maxSeqLength(), network.maxPositions());
            if (maxLength == null) {
                return limit;
            }
            if (maxLength > network.maxPositions()) {
                throw new BackendInitializationException("max_length " + maxLength + " exceeds what model '" + modelId()
                        + "' takes (" + network.maxPositions() + " positions, from its config.json)");
            }
            return maxLength;
        }

        private int dimension(SentenceTransformerModules modules, Architecture network) {
            try {
                return modules.dimension(network.hiddenSize());
            } catch (BackendInitializationException e) {
                throw new BackendInitializationException("model '" + modelId() + "': " + e.getMessage(), e);
            }
        }

        /** cpu, gpu, gpu:N (or DJL's gpuN). */
        private static Device parseDevice(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.equals("cpu")) {
                return Device.cpu();
            }
            if (n.equals("gpu")) {
                return Device.gpu();
            }
            if (n.matches("gpu:?\\d+")) {
                return Device.gpu(Integer.parseInt(n.replaceAll("\\D", "")));
            }
            throw new BackendInitializationException("device must be cpu, gpu or gpu:N, got '" + name + "'");
        }

        private NDManager manager() {
            DjlRuntime.offline();
            try {
                Engine engine = Engine.getEngine("PyTorch");
                Device d = device == null ? engine.defaultDevice() : parseDevice(device);
                if (d.isGpu() && engine.getGpuCount() <= d.getDeviceId()) {
                    throw new BackendInitializationException("device " + device + " asked for, but PyTorch sees "
                            + engine.getGpuCount() + " GPUs; put a CUDA build of libtorch on the class path "
                            + "(ai.djl.pytorch:pytorch-native-cuXXX) or use device=cpu");
                }
                return NDManager.newBaseManager(d, "PyTorch");
            } catch (BackendInitializationException e) {
                throw e;
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new BackendInitializationException("cannot start DJL's PyTorch engine: " + e.getMessage()
                        + "; are ai.djl.pytorch:pytorch-jni and pytorch-native-cpu (with your platform's classifier) "
                        + "on the class path?", e);
            }
        }
    }
}
