package org.topicj.wordvec;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * Documents as pooled static word vectors: BERTopic's Gensim backend (mean of the in-vocabulary
 * words' vectors, zeros if none), Flair's {@code DocumentPoolEmbeddings} (mean, max or min) and
 * spaCy's {@code doc.vector} (mean) with the vectors of their files.
 *
 * <pre>{@code
 * WordVectors glove = WordVectors.read(Path.of("glove.6B.100d.txt.gz"), VectorFileFormat.TEXT);
 * try (Embedder e = WordVecEmbedder.builder(glove).lowercase(true).build()) { ... }
 * }</pre>
 *
 * <p>A document with no known word is a zero vector; cosine-based stages treat it as having no
 * direction. {@link #embedWords} returns each word's own vector (zeros if unknown), as
 * representation models need.
 *
 * <p>Thread-safety: immutable; safe from several threads.
 */
public final class WordVecEmbedder extends AbstractEmbedder {
    /** The default tokenizer: runs of non-space characters, as BERTopic's Gensim backend splits. */
    public static final String DEFAULT_TOKEN_PATTERN = "\\S+";
    /**
     * The tokenizer for spaCy vectors: words and single punctuation marks, an approximation of
     * spaCy's rule-based tokenizer (which also splits contractions and some affixes).
     */
    public static final String SPACY_TOKEN_PATTERN = "\\w+|[^\\w\\s]";

    private final WordVectors vectors;
    private final Pooling pooling;
    private final boolean lowercase;
    private final boolean unknownAsZeros;
    private final Pattern tokens;

    private WordVecEmbedder(Builder b) {
        super(b.modelId, b.vectors.dimension(), false, b.key);
        this.vectors = b.vectors;
        this.pooling = b.pooling;
        this.lowercase = b.lowercase;
        this.unknownAsZeros = b.unknownAsZeros;
        this.tokens = b.tokens;
    }

    /**
     * @param vectors the word vectors
     * @return a builder
     */
    public static Builder builder(WordVectors vectors) {
        return new Builder(vectors);
    }

    @Override
    protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
        int d = dimension();
        float[] out = new float[texts.size() * d];
        float[] values = vectors.values();
        for (int i = 0; i < texts.size(); i++) {
            pool(texts.get(i), values, out, i * d);
            if ((i + 1) % 1000 == 0 || i + 1 == texts.size()) {
                progress.update("embedding", i + 1, texts.size());
            }
        }
        return DenseMatrix.wrap(texts.size(), d, out);
    }

    private void pool(String text, float[] values, float[] out, int offset) {
        int d = dimension();
        int known = 0;
        Matcher m = tokens.matcher(lowercase ? text.toLowerCase(Locale.ROOT) : text);
        while (m.find()) {
            int r = vectors.row(m.group());
            if (r < 0 && !unknownAsZeros) {
                continue;
            }
            int base = r * d;
            for (int j = 0; j < d; j++) {
                float v = r < 0 ? 0f : values[base + j];
                float acc = out[offset + j];
                out[offset + j] = known == 0 ? v : switch (pooling) {
                    case MEAN -> acc + v;
                    case MAX -> Math.max(acc, v);
                    case MIN -> Math.min(acc, v);
                };
            }
            known++;
        }
        if (pooling == Pooling.MEAN && known > 1) {
            for (int j = 0; j < d; j++) {
                out[offset + j] /= known;
            }
        }
    }

    /** Each word's own vector, looked up whole (lower-cased if so configured); zeros if unknown. */
    @Override
    public Matrix embedWords(List<String> words) {
        ensureOpen();
        int d = dimension();
        float[] out = new float[words.size() * d];
        float[] values = vectors.values();
        for (int i = 0; i < words.size(); i++) {
            String w = Objects.requireNonNull(words.get(i), "word " + i + " is null");
            int r = vectors.row(lowercase ? w.toLowerCase(Locale.ROOT) : w);
            if (r >= 0) {
                System.arraycopy(values, r * d, out, i * d, d);
            }
        }
        return DenseMatrix.wrap(words.size(), d, out);
    }

    /** @return the pooling */
    public Pooling pooling() {
        return pooling;
    }

    /** Options for {@link WordVecEmbedder}. */
    public static final class Builder {
        private final WordVectors vectors;
        private Pooling pooling = Pooling.MEAN;
        private boolean lowercase;
        private boolean unknownAsZeros;
        private Pattern tokens = Pattern.compile(DEFAULT_TOKEN_PATTERN);
        private String modelId = "word-vectors";
        private String key;

        private Builder(WordVectors vectors) {
            this.vectors = Objects.requireNonNull(vectors, "vectors");
        }

        /** @param p mean (default), max or min @return this */
        public Builder pooling(Pooling p) {
            this.pooling = Objects.requireNonNull(p);
            return this;
        }

        /** @param on lower-case documents and words before lookup, for lower-cased vocabularies such as GloVe (default false) @return this */
        public Builder lowercase(boolean on) {
            this.lowercase = on;
            return this;
        }

        /**
         * @param zeros count unknown tokens as zero vectors, as spaCy's {@code doc.vector} does (its
         *        mean divides by all tokens), instead of skipping them as Gensim and Flair do (default false)
         * @return this
         */
        public Builder unknownWordsAsZeros(boolean zeros) {
            this.unknownAsZeros = zeros;
            return this;
        }

        /** @param regex what a token is (default {@value #DEFAULT_TOKEN_PATTERN}) @return this */
        public Builder tokenPattern(String regex) {
            this.tokens = Pattern.compile(regex);
            return this;
        }

        /** @param id a name for the vectors, e.g. the file name @return this */
        public Builder modelId(String id) {
            this.modelId = Objects.requireNonNull(id);
            return this;
        }

        /** @param registryKey the key that reopens these vectors, if any @return this */
        public Builder key(String registryKey) {
            this.key = registryKey;
            return this;
        }

        /** @return the embedder */
        public WordVecEmbedder build() {
            return new WordVecEmbedder(this);
        }
    }
}
