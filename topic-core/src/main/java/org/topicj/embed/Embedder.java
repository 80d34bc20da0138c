package org.topicj.embed;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * Turns texts into vectors: one row per text, in input order. The first stage of the topic
 * pipeline, and the one users swap for the model that fits their data, hardware, privacy and budget.
 *
 * <p>Implement one method, {@link #embed(List, ProgressListener)}; the others default to it and
 * never to each other, so no default can recurse. {@link #embedWords} is used for single words
 * (topic search, KeyBERT-style and MMR representations): every embedder must cope with single words
 * and with the empty string.
 *
 * <p>Obtain one from {@link org.topicj.registry.Embedders#open(String)} by key, or construct a backend's class directly.
 * The caller owns it and closes it; {@link #close()} frees native memory and is idempotent, and
 * calls after it throw {@link IllegalStateException}.
 *
 * <p>Thread-safety: implementations must be safe to call from several threads at once.
 */
public interface Embedder extends AutoCloseable {

    /**
     * Embeds texts.
     *
     * @param texts the texts; none may be {@code null}, the empty string is allowed
     * @param progress told how many texts are done; never {@code null} (use {@link ProgressListener#NONE})
     * @return a {@code texts.size() x dimension()} matrix, rows in input order; dense for most
     *     backends, sparse for TF-IDF-like ones
     * @throws IllegalStateException if the embedder is closed
     */
    Matrix embed(List<String> texts, ProgressListener progress);

    /**
     * Embeds texts without progress reporting.
     *
     * @param texts the texts
     * @return one row per text
     */
    default Matrix embed(List<String> texts) {
        return embed(texts, ProgressListener.NONE);
    }

    /**
     * Embeds whole documents; backends whose models distinguish documents from queries override
     * this (for example, Cohere's input type).
     *
     * @param documents the documents
     * @param progress told how many documents are done
     * @return one row per document
     */
    default Matrix embedDocuments(List<String> documents, ProgressListener progress) {
        return embed(documents, progress);
    }

    /**
     * Embeds single words or short phrases (topic words, search queries).
     *
     * @param words the words; the empty string is allowed
     * @return one row per word
     */
    default Matrix embedWords(List<String> words) {
        return embed(words, ProgressListener.NONE);
    }

    /** @return the number of columns of every matrix this embedder returns; known without embedding anything */
    int dimension();

    /** @return true if every row this embedder returns has unit L2 norm (or is all zeros) */
    boolean normalized();

    /** @return the model's id, e.g. {@code all-MiniLM-L6-v2} or a folder path */
    String modelId();

    /**
     * The registry key that opens this same model again, stored in saved topic models so that
     * loading needs no code. Empty for embedders built from user objects that no key can recreate.
     *
     * @return the key, if any
     */
    default Optional<String> key() {
        return Optional.empty();
    }

    /**
     * The options that, with {@link #key()}, reopen this same model: what a saved topic model
     * records beside the key. Never holds credentials ({@link org.topicj.spi.EmbedderProvider#secretOptions()}).
     * The registry fills it for embedders that extend {@link AbstractEmbedder}; others may override.
     *
     * @return the non-secret options this embedder was opened with, empty by default
     */
    default Map<String, String> keyOptions() {
        return Map.of();
    }

    /** Releases native memory, sessions and threads. Idempotent. Does nothing by default. */
    @Override
    default void close() {
    }
}
