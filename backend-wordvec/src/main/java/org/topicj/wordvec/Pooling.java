package org.topicj.wordvec;

import java.util.Locale;

/** How word vectors become a document vector (Flair's DocumentPoolEmbeddings modes). */
public enum Pooling {
    /** Element-wise mean: Gensim's and spaCy's document vector, Flair's default. */
    MEAN,
    /** Element-wise maximum. */
    MAX,
    /** Element-wise minimum. */
    MIN;

    /**
     * @param name mean, max or min
     * @return the pooling
     * @throws IllegalArgumentException for any other name
     */
    public static Pooling parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mean" -> MEAN;
            case "max" -> MAX;
            case "min" -> MIN;
            default -> throw new IllegalArgumentException("unknown pooling '" + name + "'; use mean, max or min");
        };
    }
}
