package org.topicj.model2vec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.topicj.embed.BackendInitializationException;
import org.topicj.model2vec.tokenizer.Tokenizer;
import org.topicj.spi.support.SafeTensors;

/**
 * A Model2Vec static model: one vector per vocabulary token, and a document is the mean of its
 * tokens' vectors. The rules of model2vec's {@code StaticModel.encode} (model2vec/model.py, 0.8.2):
 * <ol>
 *   <li>with {@code max_length} (default 512), the text is first cut to {@code max_length x median
 *       token length} characters (the median over the vocabulary's token strings, truncated to an int);</li>
 *   <li>it is tokenised without special tokens ({@code encode_batch_fast(add_special_tokens=False)}),
 *       with the truncation and padding its {@code tokenizer.json} declares;</li>
 *   <li>the unknown token's id is dropped (only for models with an {@code unk_token}: WordPiece,
 *       BPE, WordLevel), then the ids are cut to {@code max_length};</li>
 *   <li>each id's row of {@code embeddings} (through {@code mapping} if the model has one, scaled by
 *       {@code weights[id]} if it has them) is averaged; a text without tokens is the zero vector;</li>
 *   <li>with {@code normalize}, the mean is divided by its norm + 1e-32.</li>
 * </ol>
 *
 * <p>Thread-safety: immutable; {@link #encode} may be called from several threads.
 */
public final class StaticModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Python encodes in batches of this many texts; BatchLongest padding pads within one. */
    static final int PYTHON_BATCH = 1024;

    private final Tokenizer tokenizer;
    private final float[] embeddings;
    private final int rows;
    private final int dim;
    private final float[] weights;
    private final int[] mapping;
    private final boolean normalize;
    private final int medianTokenLength;
    private final int unkId;
    private final Padding padding;
    private final ObjectNode config;
    private final String tokenizerJson;

    /**
     * Padding that the {@code tokenizer.json} asks for, which Python's tokeniser applies inside
     * model2vec's encode: the pad token's vector then enters the mean of every shorter text.
     *
     * @param padId the pad id
     * @param fixedLength pad to this length, or -1 to pad to the longest text of each batch of 1,024
     * @param multipleOf round the padded length up to a multiple of this, or 0
     */
    record Padding(int padId, int fixedLength, int multipleOf) {
        int lengthFor(int longest) {
            int length = fixedLength >= 0 ? fixedLength : longest;
            return multipleOf > 0 && length % multipleOf != 0 ? (length / multipleOf + 1) * multipleOf : length;
        }
    }

    StaticModel(String tokenizerJson, float[] embeddings, int dim, float[] weights, int[] mapping, boolean normalize,
                ObjectNode config) {
        this.tokenizerJson = Objects.requireNonNull(tokenizerJson, "tokenizerJson");
        this.tokenizer = Tokenizer.parse(tokenizerJson);
        Padding padding;
        try {
            padding = padding(JSON.readTree(tokenizerJson).path("padding"));
        } catch (IOException e) {
            throw new BackendInitializationException("malformed tokenizer.json: " + e.getMessage(), e);
        }
        this.embeddings = embeddings;
        this.dim = dim;
        this.rows = embeddings.length / dim;
        this.weights = weights;
        this.mapping = mapping;
        this.normalize = normalize;
        this.config = config;
        this.padding = padding;
        List<String> tokens = tokenizer.tokensById();
        if (mapping == null && rows != tokens.size()) {
            throw new BackendInitializationException("the model has " + rows + " vectors but its tokenizer " + tokens.size()
                    + " tokens; without a token mapping they must match");
        }
        this.medianTokenLength = median(tokens);
        boolean dropsUnknown = !"Unigram".equals(tokenizer.modelType());
        this.unkId = dropsUnknown ? tokenizer.unkTokenId().orElse(-1) : -1;
        checkIds(tokens.size());
    }

    private void checkIds(int vocab) {
        if (mapping != null) {
            if (mapping.length < vocab) {
                throw new BackendInitializationException("the token mapping has " + mapping.length + " entries for " + vocab + " tokens");
            }
            for (int m : mapping) {
                if (m < 0 || m >= rows) {
                    throw new BackendInitializationException("the token mapping points to row " + m + " of " + rows);
                }
            }
        }
        if (weights != null && weights.length < vocab) {
            throw new BackendInitializationException("the model has " + weights.length + " weights for " + vocab + " tokens");
        }
    }

    /** NumPy's median of the token lengths (in code points), then Python's int(): truncation. */
    private static int median(List<String> tokens) {
        int[] lengths = tokens.stream().mapToInt(t -> t.codePointCount(0, t.length())).sorted().toArray();
        if (lengths.length == 0) {
            return 0;
        }
        int n = lengths.length;
        double m = n % 2 == 1 ? lengths[n / 2] : (lengths[n / 2 - 1] + lengths[n / 2]) / 2.0;
        return (int) m;
    }

    /**
     * Reads a Model2Vec folder: {@code config.json}, {@code model.safetensors} (tensor
     * {@code embeddings}, and {@code weights} and {@code mapping} if present) and
     * {@code tokenizer.json}; or the sentence-transformers layouts model2vec also reads
     * ({@code config_sentence_transformers.json} with {@code embedding.weight}, at the root or in
     * {@code 0_StaticEmbedding/}).
     *
     * @param folder the folder
     * @return the model
     * @throws BackendInitializationException if none of the layouts is complete, saying what is missing
     */
    public static StaticModel load(Path folder) {
        Layout layout = Layout.find(folder);
        ObjectNode config = readConfig(layout.config());
        String tokenizerJson;
        try {
            tokenizerJson = Files.readString(layout.tokenizer());
        } catch (IOException e) {
            throw new BackendInitializationException("cannot read " + layout.tokenizer() + ": " + e.getMessage(), e);
        }
        try (SafeTensors st = SafeTensors.open(layout.embeddings())) {
            SafeTensors.Tensor e = st.tensor(layout.embeddingName());
            if (e.shape().length != 2) {
                throw new BackendInitializationException(layout.embeddings() + ": tensor '" + layout.embeddingName()
                        + "' has shape " + Arrays.toString(e.shape()) + ", expected [tokens, dimensions]");
            }
            float[] weights = st.names().containsKey("weights") ? st.tensor("weights").values() : null;
            int[] mapping = st.names().containsKey("mapping") ? Arrays.stream(st.longs("mapping")).mapToInt(Math::toIntExact).toArray() : null;
            boolean normalize = config.path("normalize").asBoolean(false);
            return new StaticModel(tokenizerJson, e.values(), (int) e.shape()[1], weights, mapping, normalize, config);
        }
    }

    private static ObjectNode readConfig(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return n instanceof ObjectNode o ? o : JSON.createObjectNode();
        } catch (IOException e) {
            throw new BackendInitializationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Padding padding(JsonNode p) {
        if (!p.isObject()) {
            return null;
        }
        JsonNode strategy = p.path("strategy");
        int fixed = strategy.has("Fixed") ? strategy.path("Fixed").asInt() : -1;
        return new Padding(p.path("pad_id").asInt(0), fixed, p.path("pad_to_multiple_of").asInt(0));
    }

    /**
     * Embeds texts as Python's {@code StaticModel.encode(texts, max_length=maxLength)}.
     *
     * @param texts the texts
     * @param maxLength tokens kept per text (and the character cut before tokenising), or 0 for no limit
     * @param normalizeRows whether to scale each mean to unit norm
     * @return {@code texts.size() x dimension()} values, row-major
     */
    public float[] encode(List<String> texts, int maxLength, boolean normalizeRows) {
        float[] out = new float[texts.size() * dim];
        for (int start = 0; start < texts.size(); start += PYTHON_BATCH) {
            int end = Math.min(texts.size(), start + PYTHON_BATCH);
            int[][] ids = new int[end - start][];
            int longest = 0;
            for (int i = start; i < end; i++) {
                String text = texts.get(i);
                if (maxLength > 0) {
                    text = cutCodePoints(text, maxLength * medianTokenLength);
                }
                ids[i - start] = tokenizer.encode(text);
                longest = Math.max(longest, ids[i - start].length);
            }
            for (int i = start; i < end; i++) {
                int[] tokens = pad(ids[i - start], longest);
                mean(dropUnknownAndCut(tokens, maxLength), out, i * dim, normalizeRows);
            }
        }
        return out;
    }

    private int[] pad(int[] ids, int longest) {
        if (padding == null) {
            return ids;
        }
        int length = padding.lengthFor(longest);
        if (ids.length >= length) {
            return ids;
        }
        int[] padded = Arrays.copyOf(ids, length);
        Arrays.fill(padded, ids.length, length, padding.padId());
        return padded;
    }

    private int[] dropUnknownAndCut(int[] ids, int maxLength) {
        int n = 0;
        int[] kept = unkId < 0 ? ids : new int[ids.length];
        if (unkId >= 0) {
            for (int id : ids) {
                if (id != unkId) {
                    kept[n++] = id;
                }
            }
        } else {
            n = ids.length;
        }
        int limit = maxLength > 0 ? Math.min(n, maxLength) : n;
        return limit == kept.length ? kept : Arrays.copyOf(kept, limit);
    }

    private void mean(int[] ids, float[] out, int offset, boolean normalizeRow) {
        if (ids.length == 0) {
            return;
        }
        double[] sum = new double[dim];
        for (int id : ids) {
            int row = mapping == null ? id : mapping[id];
            double w = weights == null ? 1.0 : weights[id];
            int base = row * dim;
            for (int j = 0; j < dim; j++) {
                sum[j] += w * embeddings[base + j];
            }
        }
        double norm = 0;
        for (int j = 0; j < dim; j++) {
            sum[j] /= ids.length;
            norm += sum[j] * sum[j];
        }
        double div = normalizeRow ? Math.sqrt(norm) + 1e-32 : 1.0;
        for (int j = 0; j < dim; j++) {
            out[offset + j] = (float) (sum[j] / div);
        }
    }

    private static String cutCodePoints(String text, int count) {
        if (text.length() <= count) {
            return text;
        }
        int cps = text.codePointCount(0, text.length());
        return cps <= count ? text : text.substring(0, text.offsetByCodePoints(0, count));
    }

    /** @return the vector size */
    public int dimension() {
        return dim;
    }

    /** @return whether the model's config asks for unit-norm document vectors */
    public boolean normalize() {
        return normalize;
    }

    /** @return the tokenizer */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** @return the number of vectors (tokens, or clusters for a vocabulary-quantised model) */
    public int rows() {
        return rows;
    }

    /** @return a copy of the vector table, {@code rows() x dimension()} row-major */
    public float[] embeddings() {
        return embeddings.clone();
    }

    /** @return the median token length used for the character cut */
    public int medianTokenLength() {
        return medianTokenLength;
    }

    /** @return the id dropped from every text (the unknown token), if any */
    public OptionalInt droppedUnknownId() {
        return unkId >= 0 ? OptionalInt.of(unkId) : OptionalInt.empty();
    }

    /** @return a copy of the model's {@code config.json} */
    public ObjectNode config() {
        return config.deepCopy();
    }

    /** @return whether the tokenizer pads (see {@link Padding}) */
    boolean pads() {
        return padding != null;
    }

    /** @return the tokenizer.json this model was built with */
    String tokenizerJson() {
        return tokenizerJson;
    }

    float[] weightsOrNull() {
        return weights;
    }

    int[] mappingOrNull() {
        return mapping;
    }

    /**
     * Saves the model as model2vec's {@code save_pretrained} lays it out, loadable by
     * {@code StaticModel.from_pretrained(folder)} in Python and by sentence-transformers.
     *
     * @param folder a folder that does not exist or is empty
     * @throws IllegalArgumentException if the folder holds files already
     */
    public void save(Path folder) {
        ModelWriter.write(this, folder);
    }
}
