package org.topicj.model2vec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.Embedder;
import org.topicj.embed.TokenEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.spi.support.SafeTensors;

/**
 * Entry points: load a Model2Vec model, or distil one from any installed transformer embedder.
 *
 * <p>Distillation follows model2vec 0.8.2's {@code distill} (model2vec/distill/distillation.py and
 * inference.py): every token of the model's vocabulary (cleaned as {@link DistilledVocabulary}
 * says) is run through the transformer between the model's special tokens ({@code [CLS] t [SEP]}),
 * its last hidden states mean-pooled; NaNs become 0; PCA to {@code pca_dims} as scikit-learn's
 * {@code PCA(svd_solver="full")}; each row scaled by its Zipf/SIF weight
 * {@code sif / (sif + p(rank))} with {@code p(rank) = (1/(rank+2)) / sum}, rank the token's
 * position in the vocabulary; rounded to float16; and {@code normalize = true}.
 *
 * <pre>{@code
 * try (Embedder minilm = Embedders.open("all-MiniLM-L6-v2")) {
 *     StaticModel m = Model2Vec.distill(minilm, DistillOptions.defaults());
 *     m.save(Path.of("minilm-static"));          // StaticModel.from_pretrained("minilm-static") in Python
 * }
 * }</pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class Model2Vec {
    private static final Logger LOG = LoggerFactory.getLogger(Model2Vec.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Model2Vec() {
    }

    /**
     * @param folder a Model2Vec folder
     * @return the model
     */
    public static StaticModel load(Path folder) {
        return StaticModel.load(folder);
    }

    /**
     * Distils a static model from a transformer embedder.
     *
     * @param embedder an embedder with token-level access ({@link TokenEmbedder}: sentence-transformers
     *     models of {@code backend-sbert} are)
     * @param options the settings
     * @return the static model, in memory (save it with {@link StaticModel#save})
     * @throws IllegalArgumentException if the embedder gives no token-level access
     */
    public static StaticModel distill(Embedder embedder, DistillOptions options) {
        if (!(embedder instanceof TokenEmbedder te)) {
            throw new IllegalArgumentException("cannot distil '" + embedder.modelId() + "' (" + embedder.getClass().getName()
                    + "): it gives no token-level access (org.topicj.embed.TokenEmbedder); sentence-transformers "
                    + "models opened with org.topicj:backend-sbert do");
        }
        JsonNode tokenizer;
        try {
            tokenizer = JSON.readTree(te.tokenizerJson());
        } catch (IOException e) {
            throw new IllegalArgumentException("the tokenizer.json of '" + embedder.modelId() + "' is malformed: " + e.getMessage(), e);
        }
        DistilledVocabulary vocab = DistilledVocabulary.of(tokenizer, options.tokenRemovePattern());
        LOG.info("distilling '{}': embedding {} vocabulary tokens", embedder.modelId(), vocab.tokens().size());
        DenseMatrix hidden = te.embedTokenIds(vocab.sequences(), options.pooling(), options.progress()).toDense();
        int n = hidden.rows();
        int h = hidden.cols();
        float[] x = hidden.rawData().clone();
        nanToNum(x);
        int dims = h;
        Integer pca = options.pcaDims();
        if (pca != null) {
            int k = Math.min(pca, h);
            if (pca > h) {
                LOG.warn("pca_dims {} is larger than the model's {} dimensions: applying PCA without reducing", pca, h);
            }
            if (k >= n) {
                LOG.warn("pca_dims {} is not below the {} tokens of the vocabulary: no PCA", k, n);
            } else {
                Pca.Result r = Pca.fitTransform(x, n, h, k);
                LOG.info("PCA from {} to {} dimensions keeps {} of the variance", h, k, String.format("%.3f", r.explainedVarianceRatio()));
                x = r.projected();
                dims = k;
            }
        }
        if (options.sifCoefficient() != null) {
            applySif(x, n, dims, options.sifCoefficient());
        }
        if (options.float16()) {
            for (int i = 0; i < x.length; i++) {
                x[i] = SafeTensors.halfToFloat(SafeTensors.floatToHalf(x[i]));
            }
        }
        return new StaticModel(JSON.valueToTree(vocab.tokenizerJson()).toString(), x, dims, null, null, true,
                config(embedder.modelId(), options, dims));
    }

    private static void nanToNum(float[] x) {
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i])) {
                x[i] = 0f;
            } else if (x[i] == Float.POSITIVE_INFINITY) {
                x[i] = Float.MAX_VALUE;
            } else if (x[i] == Float.NEGATIVE_INFINITY) {
                x[i] = -Float.MAX_VALUE;
            }
        }
    }

    /** model2vec's {@code compute_weights}: Zipf's law for the token frequencies, then SIF. */
    static double[] sifWeights(int n, double sif) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 2);
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double p = (1.0 / (i + 2)) / sum;
            w[i] = sif / (sif + p);
        }
        return w;
    }

    private static void applySif(float[] x, int n, int dims, double sif) {
        double[] w = sifWeights(n, sif);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dims; j++) {
                x[i * dims + j] = (float) (x[i * dims + j] * w[i]);
            }
        }
    }

    private static ObjectNode config(String modelId, DistillOptions o, int dims) {
        ObjectNode c = JSON.createObjectNode();
        c.put("model_type", "model2vec");
        c.putArray("architectures").add("StaticModel");
        c.put("tokenizer_name", modelId);
        if (o.pcaDims() == null) {
            c.putNull("apply_pca");
        } else {
            c.put("apply_pca", o.pcaDims());
        }
        if (o.sifCoefficient() == null) {
            c.putNull("sif_coefficient");
        } else {
            c.put("sif_coefficient", o.sifCoefficient());
        }
        c.put("hidden_dim", dims);
        c.put("seq_length", 1_000_000);
        c.put("normalize", true);
        c.put("pooling", o.pooling().name().toLowerCase(java.util.Locale.ROOT));
        c.put("embedding_dtype", o.float16() ? "float16" : "float32");
        return c;
    }
}
