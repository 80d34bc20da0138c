package org.topicj.sklearn;

import java.util.List;
import java.util.Objects;
import org.topicj.matrix.Matrix;
import org.topicj.text.CountVectorizer;
import org.topicj.text.Vocabulary;

/**
 * Raw term counts as a pipeline's first step (scikit-learn's {@code CountVectorizer}).
 *
 * @param counting the vectorizer
 */
public record CountStep(CountVectorizer counting) implements TextStep {

    /** Checks for null. */
    public CountStep {
        Objects.requireNonNull(counting, "counting");
    }

    @Override
    public Fitted fit(List<String> documents) {
        return new FittedCount(counting.fit(documents));
    }

    /**
     * A fitted count step.
     *
     * @param vocabulary the terms
     */
    public record FittedCount(Vocabulary vocabulary) implements Fitted {
        @Override
        public Matrix transform(List<String> docs) {
            return vocabulary.transform(docs);
        }

        @Override
        public int dimension() {
            return vocabulary.size();
        }
    }
}
