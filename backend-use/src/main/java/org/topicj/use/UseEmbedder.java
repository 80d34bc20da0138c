package org.topicj.use;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.embed.BackendInitializationException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;
import org.topicj.spi.support.LocalModelBuilder;

/**
 * Universal Sentence Encoder, or any SavedModel whose signature maps a batch of strings to a float
 * matrix, run with TensorFlow Java. Each batch of texts is one session run (BERTopic's USE backend
 * calls the model once per document); the session is loaded once and freed by {@link #close()}.
 *
 * <p>Vectors are returned as the model computes them: USE's are close to, but not exactly, unit
 * length, so {@link #normalized()} is false unless the option {@code normalize=true} rescales them.
 *
 * <p>Thread-safety: safe; TensorFlow sessions run concurrent calls, and {@code close} waits for
 * running calls before it frees the session.
 */
public final class UseEmbedder extends AbstractEmbedder {
    private static final Logger LOG = LoggerFactory.getLogger(UseEmbedder.class);

    private final SavedModelBundle bundle;
    private final SessionFunction function;
    private final TextSignature signature;
    private final int batchSize;
    private final boolean normalize;

    private UseEmbedder(Builder b, SavedModelBundle bundle, TextSignature signature, int dimension) {
        super(b.modelId(), dimension, b.normalize, b.key());
        this.bundle = bundle;
        this.function = bundle.function(signature.key());
        this.signature = signature;
        this.batchSize = b.batchSize();
        this.normalize = b.normalize;
    }

    /** @return a builder; {@link Builder#folder(Path)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the signature key, input and output this embedder calls, e.g. {@code serving_default(inputs) -> outputs} */
    public String signatureDescription() {
        return signature.key() + "(" + signature.input() + ") -> " + signature.output();
    }

    @Override
    protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
        float[] out = new float[texts.size() * dimension()];
        for (int start = 0; start < texts.size(); start += batchSize) {
            int end = Math.min(texts.size(), start + batchSize);
            run(texts.subList(start, end), out, start * dimension());
            progress.update("embedding", end, texts.size());
        }
        if (normalize) {
            normalizeRows(out, dimension());
        }
        return DenseMatrix.wrap(texts.size(), dimension(), out);
    }

    private void run(List<String> batch, float[] out, int offset) {
        try (TString input = TString.vectorOf(batch.toArray(String[]::new));
             Result result = function.call(Map.of(signature.input(), input))) {
            Tensor t = result.get(signature.output()).orElseThrow(() -> new IllegalStateException(
                    "SavedModel '" + modelId() + "' returned no '" + signature.output() + "'"));
            TFloat32 vectors = (TFloat32) t;
            long[] shape = vectors.shape().asArray();
            if (shape.length != 2 || shape[0] != batch.size() || shape[1] != dimension()) {
                throw new IllegalStateException("SavedModel '" + modelId() + "' returned shape " + vectors.shape()
                        + " for " + batch.size() + " texts; expected [" + batch.size() + ", " + dimension() + "]");
            }
            vectors.copyTo(DataBuffers.of(out, false, false).offset(offset).narrow((long) batch.size() * dimension()));
        }
    }

    @Override
    protected void release() {
        bundle.close();
    }

    /** Options for {@link UseEmbedder}; {@link #folder(Path)} (the SavedModel folder) is required; batch size 64. */
    public static final class Builder extends LocalModelBuilder<Builder> {
        private String signatureKey;
        private String output;
        private String[] tags = {SavedModelBundle.DEFAULT_TAG};
        private boolean normalize;

        private Builder() {
            super(64);
        }

        /** @param signatureKey the signature to call; by default the text signature is found; @return this */
        public Builder signature(String signatureKey) {
            this.signatureKey = signatureKey;
            return this;
        }

        /** @param output the signature output to read, when it has several float matrices; @return this */
        public Builder output(String output) {
            this.output = output;
            return this;
        }

        /** @param tags the MetaGraph tags to load; default {@code serve}; @return this */
        public Builder tags(String... tags) {
            if (tags.length == 0) {
                throw new IllegalArgumentException("give at least one SavedModel tag (usually 'serve')");
            }
            this.tags = tags.clone();
            return this;
        }

        /** @param normalize whether to rescale every row to unit length; default false; @return this */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /**
         * Loads the SavedModel and finds its text signature.
         *
         * @return the embedder; close it to free the TensorFlow session
         * @throws BackendInitializationException if the folder is not a SavedModel with a text signature
         */
        public UseEmbedder build() {
            Path folder = requireFolder();
            String id = modelId();
            SavedModelBundle bundle = load(folder, id);
            try {
                TextSignature sig = TextSignature.choose(bundle.signatures(), signatureKey, output, id);
                int dimension = sig.dimension() > 0 ? sig.dimension() : probe(bundle, sig, id);
                LOG.debug("loaded SavedModel {} from {}: {} -> {} columns", id, folder, sig, dimension);
                return new UseEmbedder(this, bundle, sig, dimension);
            } catch (RuntimeException e) {
                bundle.close();
                throw e;
            }
        }

        private SavedModelBundle load(Path folder, String id) {
            try {
                return SavedModelBundle.loader(folder.toString()).withTags(tags).load();
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new BackendInitializationException("cannot load TensorFlow SavedModel '" + id + "' from " + folder
                        + " with tags " + String.join(",", tags) + ": " + e.getMessage()
                        + "; is it a complete SavedModel (saved_model.pb and variables/), and are the TensorFlow natives "
                        + "for this platform (org.tensorflow:tensorflow-core-native with its classifier) on the class path?", e);
            }
        }

        // A model that leaves its output width open tells it by embedding one empty string.
        private static int probe(SavedModelBundle bundle, TextSignature sig, String id) {
            try (TString input = TString.vectorOf("");
                 Result result = bundle.function(sig.key()).call(Map.of(sig.input(), input))) {
                long[] shape = result.get(sig.output()).orElseThrow().shape().asArray();
                if (shape.length != 2 || shape[1] <= 0) {
                    throw new BackendInitializationException("SavedModel '" + id + "' returned shape "
                            + java.util.Arrays.toString(shape) + " for one text; expected [1, dimension]");
                }
                return (int) shape[1];
            }
        }
    }
}
