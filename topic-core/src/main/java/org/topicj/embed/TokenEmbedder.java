package org.topicj.embed;

import java.util.List;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * An embedder that also gives token-level access to its transformer: the {@code tokenizer.json} it
 * uses, and the model run on token-id sequences given as they are. Distilling a static model
 * (Model2Vec) needs exactly this: every vocabulary token, wrapped in the model's special tokens, run
 * through the model and pooled over its last hidden states.
 *
 * <p>{@link #embedTokenIds} returns the raw transformer output pooled over the attention mask, as
 * Hugging Face's {@code AutoModel(...).last_hidden_state} would give: no Dense layers, no
 * normalisation, none of the embedder's own post-processing.
 *
 * <p>Thread-safety: as {@link Embedder}.
 */
public interface TokenEmbedder extends Embedder {

    /** How the hidden states of a sequence become one vector. */
    enum Pooling {
        /** The mean over the sequence's tokens. */
        MEAN,
        /** The first token's state ({@code [CLS]} in BERT-style models). */
        FIRST,
        /** The last token's state (often the end-of-sequence token in decoder models). */
        LAST
    }

    /** @return the contents of the Hugging Face {@code tokenizer.json} this model's ids refer to */
    String tokenizerJson();

    /** @return the width of the model's hidden states, the length of each row of {@link #embedTokenIds} */
    int hiddenSize();

    /**
     * Runs the model on token-id sequences exactly as given (nothing added, nothing cut), in
     * batches, and pools each sequence's last hidden states.
     *
     * @param sequences token ids, each non-empty and no longer than the model accepts
     * @param pooling how to pool
     * @param progress told how many sequences are done (task {@code "embedding tokens"})
     * @return a {@code sequences.size() x hiddenSize()} matrix, rows in input order
     * @throws IllegalStateException if the embedder is closed
     */
    Matrix embedTokenIds(List<int[]> sequences, Pooling pooling, ProgressListener progress);
}
