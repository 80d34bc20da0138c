package org.topicj.pipeline;

import java.util.function.UnaryOperator;
import org.topicj.matrix.Matrix;

/**
 * A reduction that learns chunk by chunk (BERTopic's online mode: {@code IncrementalPCA}), for
 * corpora that arrive over time or do not fit in memory. It is its own fitted form; a topic model
 * keeps a {@link #copy()}.
 *
 * <p>Thread-safety: {@link #partialFit} must not run concurrently with anything; transforms may
 * run concurrently between fits.
 */
public interface IncrementalReducer extends FittedReducer {

    /**
     * Learns from one more chunk.
     *
     * @param chunk rows of the same dimension every time
     * @return how a point in the old reduced coordinates maps into the new ones (identity before the
     *     first chunk), so that clusters learnt so far can follow the turning axes
     */
    UnaryOperator<double[]> partialFit(Matrix chunk);

    /** @return rows learnt from so far */
    long samplesSeen();

    /** @return an independent copy of the current state */
    IncrementalReducer copy();
}
