package org.topicj.model2vec;

import java.util.regex.Pattern;
import org.topicj.embed.TokenEmbedder;
import org.topicj.progress.ProgressListener;

/**
 * Settings of {@link Model2Vec#distill}, with model2vec's {@code distill} defaults: PCA to 256
 * dimensions, SIF coefficient 1e-4, tokens matching {@code \[unused\d+\]} removed, mean pooling,
 * float16 vectors.
 *
 * <pre>{@code
 * DistillOptions o = DistillOptions.builder().pcaDims(128).progress(bar).build();
 * }</pre>
 *
 * @param pcaDims dimensions to reduce to, or null for no PCA
 * @param sifCoefficient the SIF coefficient, in (0, 1), or null for no weighting
 * @param tokenRemovePattern tokens matching this at their start are dropped, or null
 * @param pooling how each token's hidden states are pooled
 * @param float16 whether to round the vectors to float16 (as model2vec's default {@code quantize_to})
 * @param progress told how many vocabulary tokens are embedded
 */
public record DistillOptions(Integer pcaDims, Double sifCoefficient, Pattern tokenRemovePattern, TokenEmbedder.Pooling pooling,
                             boolean float16, ProgressListener progress) {

    /** model2vec's default {@code token_remove_pattern}. */
    public static final String DEFAULT_REMOVE_PATTERN = "\\[unused\\d+\\]";

    /** Checks the settings. */
    public DistillOptions {
        if (pcaDims != null && pcaDims < 1) {
            throw new IllegalArgumentException("pca_dims must be at least 1 (or absent for no PCA), got " + pcaDims);
        }
        if (sifCoefficient != null && !(sifCoefficient > 0 && sifCoefficient < 1)) {
            throw new IllegalArgumentException("the SIF coefficient must be in (0, 1) (or absent for no weighting), got " + sifCoefficient);
        }
        java.util.Objects.requireNonNull(pooling, "pooling");
        progress = ProgressListener.orNone(progress);
    }

    /** @return model2vec's defaults */
    public static DistillOptions defaults() {
        return builder().build();
    }

    /** @return a builder with model2vec's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DistillOptions}. Thread-safety: not thread-safe. */
    public static final class Builder {
        private Integer pcaDims = 256;
        private Double sif = 1e-4;
        private Pattern remove = Pattern.compile(DEFAULT_REMOVE_PATTERN);
        private TokenEmbedder.Pooling pooling = TokenEmbedder.Pooling.MEAN;
        private boolean float16 = true;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** @param dims PCA dimensions, or null for none (default 256) @return this */
        public Builder pcaDims(Integer dims) {
            this.pcaDims = dims;
            return this;
        }

        /** @param coefficient SIF coefficient, or null for no weighting (default 1e-4) @return this */
        public Builder sifCoefficient(Double coefficient) {
            this.sif = coefficient;
            return this;
        }

        /** @param regex tokens to drop (matched at their start), or null (default {@code \[unused\d+\]}) @return this */
        public Builder tokenRemovePattern(String regex) {
            this.remove = regex == null ? null : Pattern.compile(regex);
            return this;
        }

        /** @param how pooling of each token's hidden states (default mean) @return this */
        public Builder pooling(TokenEmbedder.Pooling how) {
            this.pooling = how;
            return this;
        }

        /** @param half round vectors to float16 (default true, model2vec's default) @return this */
        public Builder float16(boolean half) {
            this.float16 = half;
            return this;
        }

        /** @param listener progress of the token embedding @return this */
        public Builder progress(ProgressListener listener) {
            this.progress = listener;
            return this;
        }

        /** @return the options */
        public DistillOptions build() {
            return new DistillOptions(pcaDims, sif, remove, pooling, float16, progress);
        }
    }
}
