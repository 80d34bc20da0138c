package org.topicj.sklearn;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;
import org.topicj.text.CountVectorizer;
import org.topicj.text.Vocabulary;

/**
 * scikit-learn's {@code TfidfVectorizer}: counts (with every {@link CountVectorizer} option), then
 * {@code tf * idf} with {@code idf = ln((1 + n) / (1 + df)) + 1} (smooth, the default) or
 * {@code ln(n / df) + 1}, optional sublinear tf {@code 1 + ln(tf)}, and rows normalised (l2 by
 * default, l1, or none). Output is sparse.
 *
 * @param counting how terms are found and counted
 * @param useIdf weight by inverse document frequency (default true)
 * @param smoothIdf add one to document frequencies (default true)
 * @param sublinearTf replace tf by 1 + ln(tf) (default false)
 * @param norm row normalisation: "l2" (default), "l1" or "none"
 */
public record TfidfVectorizer(CountVectorizer counting, boolean useIdf, boolean smoothIdf, boolean sublinearTf, String norm)
        implements TextStep {

    /** scikit-learn's defaults. */
    public TfidfVectorizer() {
        this(CountVectorizer.builder().build(), true, true, false, "l2");
    }

    /** Checks the options. */
    public TfidfVectorizer {
        Objects.requireNonNull(counting, "counting");
        norm = norm.toLowerCase(Locale.ROOT);
        if (!List.of("l1", "l2", "none").contains(norm)) {
            throw new IllegalArgumentException("norm must be l1, l2 or none, got '" + norm + "'");
        }
    }

    @Override
    public Fitted fit(List<String> documents) {
        Vocabulary vocabulary = counting.fit(documents);
        SparseMatrix counts = vocabulary.transform(documents);
        int n = documents.size();
        double[] df = new double[vocabulary.size()];
        for (int c : counts.rawIndices()) {
            df[c]++;
        }
        double[] idf = new double[df.length];
        for (int t = 0; t < idf.length; t++) {
            idf[t] = !useIdf ? 1.0 : smoothIdf ? Math.log((1.0 + n) / (1.0 + df[t])) + 1 : Math.log(n / df[t]) + 1;
        }
        return new FittedTfidf(this, vocabulary, idf);
    }

    /**
     * A fitted TF-IDF vectorizer.
     *
     * @param options the vectorizer
     * @param vocabulary the terms (columns)
     * @param idf each term's weight
     */
    public record FittedTfidf(TfidfVectorizer options, Vocabulary vocabulary, double[] idf) implements Fitted {
        @Override
        public Matrix transform(List<String> documents) {
            SparseMatrix counts = vocabulary.transform(documents);
            int[] indptr = counts.rawIndptr();
            int[] indices = counts.rawIndices();
            float[] raw = counts.rawData();
            float[] out = new float[raw.length];
            for (int r = 0; r < counts.rows(); r++) {
                double[] v = new double[indptr[r + 1] - indptr[r]];
                double l1 = 0;
                double l2 = 0;
                for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                    double tf = options.sublinearTf() ? 1 + Math.log(raw[k]) : raw[k];
                    double w = tf * idf[indices[k]];
                    v[k - indptr[r]] = w;
                    l1 += Math.abs(w);
                    l2 += w * w;
                }
                double scale = switch (options.norm()) {
                    case "l1" -> l1 > 0 ? 1 / l1 : 1;
                    case "l2" -> l2 > 0 ? 1 / Math.sqrt(l2) : 1;
                    default -> 1;
                };
                for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                    out[k] = (float) (v[k - indptr[r]] * scale);
                }
            }
            return SparseMatrix.wrap(counts.rows(), counts.cols(), indptr, indices, out);
        }

        @Override
        public int dimension() {
            return vocabulary.size();
        }
    }
}
