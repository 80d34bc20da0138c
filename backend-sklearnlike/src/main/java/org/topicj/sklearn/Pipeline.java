package org.topicj.sklearn;

import java.util.List;
import java.util.Objects;
import org.topicj.matrix.Matrix;

/**
 * A text step followed by matrix steps, as scikit-learn's {@code make_pipeline(TfidfVectorizer(),
 * TruncatedSVD(100))}. {@link #fit} learns every step in order on the training texts.
 *
 * @param first the vectorizer
 * @param rest the matrix steps, in order
 */
public record Pipeline(TextStep first, List<MatrixStep> rest) {

    /** Copies the steps. */
    public Pipeline {
        Objects.requireNonNull(first, "first");
        rest = List.copyOf(rest);
    }

    /** @return true if no step learns anything (hashing, normalising) */
    public boolean stateless() {
        return first.stateless() && rest.stream().allMatch(s -> s instanceof Normalizer);
    }

    /** @return true if the pipeline can learn batch by batch: a stateless vectorizer, then incremental or stateless steps */
    public boolean incremental() {
        return first.stateless() && rest.stream().allMatch(s -> s instanceof IncrementalStep || s instanceof Normalizer);
    }

    /**
     * Learns from one more batch.
     *
     * @param previous the state after the earlier batches, or null
     * @param documents the batch
     * @return the updated pipeline
     */
    public Fitted partialFit(Fitted previous, List<String> documents) {
        if (!incremental()) {
            throw new UnsupportedOperationException("this pipeline cannot learn batch by batch");
        }
        TextStep.Fitted text = previous != null ? previous.text() : first.fit(documents);
        Matrix x = text.transform(documents);
        java.util.List<MatrixStep.Fitted> fitted = new java.util.ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            MatrixStep s = rest.get(i);
            MatrixStep.Fitted before = previous != null ? previous.steps().get(i) : null;
            MatrixStep.Fitted f = s instanceof IncrementalStep inc ? inc.partialFit(before, x) : s.fit(x);
            x = f.transform(x);
            fitted.add(f);
        }
        return new Fitted(text, fitted, null, x.cols());
    }

    /** @return the output dimension if known before fitting, else -1 */
    public int knownDimension() {
        int d = first instanceof HashingVectorizer h ? h.nFeatures() : -1;
        for (MatrixStep s : rest) {
            d = s.outputDimension(d);
        }
        return d;
    }

    /**
     * @param documents training texts
     * @return the fitted pipeline, and the training texts' output (fit_transform)
     */
    public Fitted fit(List<String> documents) {
        TextStep.Fitted text = first.fit(documents);
        Matrix x = text.transform(documents);
        java.util.List<MatrixStep.Fitted> fitted = new java.util.ArrayList<>();
        for (MatrixStep s : rest) {
            MatrixStep.Fitted f = s.fit(x);
            x = f.transform(x);
            fitted.add(f);
        }
        return new Fitted(text, fitted, x, x.cols());
    }

    /**
     * A fitted pipeline.
     *
     * @param text the fitted vectorizer
     * @param steps the fitted matrix steps
     * @param trainingOutput the output for the training texts (null when restored from saved state)
     * @param dimension output columns
     */
    public record Fitted(TextStep.Fitted text, List<MatrixStep.Fitted> steps, Matrix trainingOutput, int dimension) {
        /** @param documents texts @return their output rows */
        public Matrix transform(List<String> documents) {
            Matrix x = text.transform(documents);
            for (MatrixStep.Fitted s : steps) {
                x = s.transform(x);
            }
            return x;
        }

    }
}
