package org.topicj.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.topicj.TopicJException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.VectorMath;
import org.topicj.progress.ProgressListener;

/**
 * BERTopic's {@code approximate_distribution}: how much of each topic a document holds. A window of
 * {@code window} tokens slides over each document in steps of {@code stride}; each window is weighed
 * with the model's vocabulary and idf and compared (cosine) with every topic's c-TF-IDF (or, with
 * {@link Builder#useEmbeddings}, embedded and compared with the topic embeddings); similarities
 * below {@code minSimilarity} count as 0; a document's distribution is the L1-normalised sum of its
 * windows' similarities. With {@link Builder#calculateTokens}, each token also gets the sum of the
 * similarities of the windows that hold it (not normalised), and the document's distribution is the
 * normalised sum of its tokens' rows, so each window counts as often as it has tokens.
 *
 * <pre>{@code
 * TopicDistribution.Distributions d = TopicDistribution.builder().window(4).build().compute(model, docs);
 * float[] first = d.documents().row(0);   // column j = topic j (the outliers have none)
 * }</pre>
 *
 * <p>Tokens are found by the vectorizer's token pattern without lowercasing (scikit-learn's
 * {@code build_tokenizer}), and each window, joined by {@code separator}, is then counted by the
 * full vectorizer (lowercasing, stop words, n-grams), as BERTopic does; a document shorter than the
 * window is one window. Where BERTopic 0.17.4 differs: with a stride longer than the window some
 * tokens are in no window and its token matrix cannot be built (a numpy error); TopicJ gives them
 * zero rows.
 *
 * <p>Thread-safety: immutable; {@code compute} may run concurrently.
 */
public final class TopicDistribution {
    private final int window;
    private final int stride;
    private final double minSimilarity;
    private final boolean padding;
    private final boolean calculateTokens;
    private final boolean useEmbeddings;
    private final String separator;
    private final ProgressListener progress;

    private TopicDistribution(Builder b) {
        this.window = b.window;
        this.stride = b.stride;
        this.minSimilarity = b.minSimilarity;
        this.padding = b.padding;
        this.calculateTokens = b.calculateTokens;
        this.useEmbeddings = b.useEmbeddings;
        this.separator = b.separator;
        this.progress = b.progress;
    }

    /** @return a builder with BERTopic's defaults: window 4, stride 1, min similarity 0.1, no padding */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The distributions.
     *
     * @param documents documents x topics, each row summing to 1 (or all 0 when nothing matched); column j is topic j
     * @param tokens per document, its tokens and their (unnormalised) topic rows; empty unless tokens were calculated
     */
    public record Distributions(DenseMatrix documents, List<TokenDistribution> tokens) {
        /** Copies the list. */
        public Distributions {
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * One document's tokens and how much each holds of every topic.
     *
     * @param tokens the tokens, in order
     * @param distribution tokens x topics; a document without tokens has one all-zero row
     */
    public record TokenDistribution(List<String> tokens, DenseMatrix distribution) {
        /** Copies the list. */
        public TokenDistribution {
            tokens = List.copyOf(tokens);
        }
    }

    /** A document's windows: their texts, and the tokens each holds. */
    private record Windows(List<String> tokens, List<String> sentences, List<int[]> ids) {
    }

    /**
     * @param model a fitted model
     * @param documents any documents
     * @return their topic distributions
     */
    public Distributions compute(TopicModel model, List<String> documents) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(documents, "documents");
        TopicWords words = model.topicWords();
        int first = words.hasOutlierTopic() ? 1 : 0;
        int k = words.size() - first;
        DenseMatrix te = model.data().topicEmbeddings();
        if (useEmbeddings && te == null) {
            throw new TopicJException("this model has no topic embeddings; compute the distribution from c-TF-IDF (useEmbeddings(false))");
        }
        float[] out = new float[documents.size() * k];
        List<TokenDistribution> tokens = new ArrayList<>();
        int batch = 1000;
        for (int from = 0; from < documents.size(); from += batch) {
            List<String> part = documents.subList(from, Math.min(documents.size(), from + batch));
            List<Windows> windows = part.stream().map(d -> windows(words.vocabulary().vectorizer().tokenize(d))).toList();
            List<String> sentences = windows.stream().flatMap(w -> w.sentences().stream()).toList();
            double[][] sim = useEmbeddings ? embeddingSimilarity(model, sentences, te, first, k) : ctfidfSimilarity(words, sentences, first, k);
            int s = 0;
            for (int d = 0; d < part.size(); d++) {
                Windows w = windows.get(d);
                double[] row = new double[k];
                if (calculateTokens) {
                    double[][] perToken = tokenRows(w, sim, s, k);
                    for (double[] t : perToken) {
                        add(row, t);
                    }
                    tokens.add(new TokenDistribution(w.tokens(), matrix(perToken, k)));
                } else {
                    for (int i = 0; i < w.sentences().size(); i++) {
                        add(row, sim[s + i]);
                    }
                }
                l1(row, out, (from + d) * k);
                s += w.sentences().size();
            }
            progress.update("topic distributions", from + part.size(), documents.size());
        }
        return new Distributions(DenseMatrix.wrap(documents.size(), k, out), tokens);
    }

    /** BERTopic's token sets: full windows every {@code stride} tokens (all trailing ones with padding), short prefixes first with padding. */
    private Windows windows(List<String> tokens) {
        List<int[]> ids = new ArrayList<>();
        int n = tokens.size();
        if (n < window) {
            ids.add(range(0, n));
        } else {
            if (padding) {
                int t = (window + stride - 1) / stride - 1;
                for (int i = 0; i < t; i++) {
                    ids.add(range(0, window - (t - i) * stride));
                }
            }
            for (int start = 0; start < n; start += stride) {
                int end = Math.min(n, start + window);
                if (padding || end - start == window) {
                    ids.add(range(start, end));
                }
            }
        }
        List<String> sentences = new ArrayList<>(ids.size());
        for (int[] set : ids) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < set.length; i++) {
                sb.append(i > 0 ? separator : "").append(tokens.get(set[i]));
            }
            sentences.add(sb.toString());
        }
        return new Windows(tokens, sentences, ids);
    }

    private double[][] ctfidfSimilarity(TopicWords words, List<String> sentences, int first, int k) {
        ClassTfidf.WeightedRows w = words.weighUncleaned(sentences);
        double[][] sim = new double[sentences.size()][k];
        for (int i = 0; i < sim.length; i++) {
            for (int t = 0; t < k; t++) {
                sim[i][t] = floor(w.cosine(i, words.weights(), first + t));
            }
        }
        return sim;
    }

    private double[][] embeddingSimilarity(TopicModel model, List<String> sentences, DenseMatrix te, int first, int k) {
        DenseMatrix e = model.embed(sentences, ProgressListener.NONE).toDense();
        double[][] sim = new double[sentences.size()][k];
        for (int i = 0; i < sim.length; i++) {
            for (int t = 0; t < k; t++) {
                sim[i][t] = floor(VectorMath.cosine(e.row(i), te.row(first + t)));
            }
        }
        return sim;
    }

    private double floor(double similarity) {
        return similarity < minSimilarity ? 0 : similarity;
    }

    /** Each token's row: the sum of the rows of the windows that hold it (0 for a token in none). */
    private static double[][] tokenRows(Windows w, double[][] sim, int offset, int k) {
        if (w.tokens().isEmpty()) {
            return new double[1][k];
        }
        double[][] rows = new double[w.tokens().size()][k];
        for (int i = 0; i < w.ids().size(); i++) {
            for (int token : w.ids().get(i)) {
                add(rows[token], sim[offset + i]);
            }
        }
        return rows;
    }

    private static void add(double[] into, double[] row) {
        for (int t = 0; t < into.length; t++) {
            into[t] += row[t];
        }
    }

    private static void l1(double[] row, float[] out, int offset) {
        double sum = 0;
        for (double v : row) {
            sum += Math.abs(v);
        }
        for (int t = 0; t < row.length; t++) {
            out[offset + t] = (float) (sum > 0 ? row[t] / sum : 0);
        }
    }

    private static DenseMatrix matrix(double[][] rows, int k) {
        float[] out = new float[rows.length * k];
        for (int r = 0; r < rows.length; r++) {
            for (int t = 0; t < k; t++) {
                out[r * k + t] = (float) rows[r][t];
            }
        }
        return DenseMatrix.wrap(rows.length, k, out);
    }

    private static int[] range(int from, int to) {
        int[] out = new int[Math.max(0, to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** Options for {@link TopicDistribution}; defaults as BERTopic. Not thread-safe; build once. */
    public static final class Builder {
        private int window = 4;
        private int stride = 1;
        private double minSimilarity = 0.1;
        private boolean padding;
        private boolean calculateTokens;
        private boolean useEmbeddings;
        private String separator = " ";
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** @param tokens tokens per window, &ge; 1 (default 4) @return this */
        public Builder window(int tokens) {
            if (tokens < 1) {
                throw new IllegalArgumentException("window must be at least 1, got " + tokens);
            }
            this.window = tokens;
            return this;
        }

        /** @param tokens step between windows, &ge; 1 (default 1) @return this */
        public Builder stride(int tokens) {
            if (tokens < 1) {
                throw new IllegalArgumentException("stride must be at least 1, got " + tokens);
            }
            this.stride = tokens;
            return this;
        }

        /** @param s similarities below this count as 0 (default 0.1) @return this */
        public Builder minSimilarity(double s) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("min similarity must be finite, got " + s);
            }
            this.minSimilarity = s;
            return this;
        }

        /** @param on also keep windows shorter than {@code window} at both ends (default false) @return this */
        public Builder padding(boolean on) {
            this.padding = on;
            return this;
        }

        /** @param on also compute every token's topic row (default false) @return this */
        public Builder calculateTokens(boolean on) {
            this.calculateTokens = on;
            return this;
        }

        /** @param on compare embedded windows with the topic embeddings instead of c-TF-IDF (default false) @return this */
        public Builder useEmbeddings(boolean on) {
            this.useEmbeddings = on;
            return this;
        }

        /** @param s joins a window's tokens (default " ") @return this */
        public Builder separator(String s) {
            this.separator = Objects.requireNonNull(s);
            return this;
        }

        /** @param p told after each batch of documents @return this */
        public Builder progress(ProgressListener p) {
            this.progress = ProgressListener.orNone(p);
            return this;
        }

        /** @return the configured computation */
        public TopicDistribution build() {
            return new TopicDistribution(this);
        }
    }
}
