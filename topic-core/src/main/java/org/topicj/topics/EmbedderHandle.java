package org.topicj.topics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.topicj.TopicJException;
import org.topicj.embed.Embedder;

/**
 * The embedder a topic model uses for new documents, with its ownership made explicit: one the
 * caller lent (never closed here), one the model opened itself (closed when the last model sharing
 * it is closed), or one the model may open on first use from its recorded key. Models derived from
 * another (reduced, merged) share its handle, so the embedder is opened once and closed once.
 *
 * <p>Thread-safety: safe; the first use opens the embedder once.
 */
final class EmbedderHandle implements AutoCloseable {
    private final Core core;
    private boolean closed;

    private EmbedderHandle(Core core) {
        this.core = core;
    }

    /** @return a handle with no embedder: new documents need precomputed embeddings */
    static EmbedderHandle none(String why) {
        return new EmbedderHandle(new Core(null, false, null, why));
    }

    /** @param e the caller's embedder, which the caller closes @return a handle lending it */
    static EmbedderHandle borrowed(Embedder e) {
        return new EmbedderHandle(new Core(e, false, null, null));
    }

    /** @param e an embedder the model opened @return a handle that closes it with the last model */
    static EmbedderHandle owned(Embedder e) {
        return new EmbedderHandle(new Core(e, true, null, null));
    }

    /**
     * @param opener opens the recorded embedder on first use
     * @return a handle that opens it lazily and closes it with the last model
     */
    static EmbedderHandle lazy(Supplier<Embedder> opener) {
        return new EmbedderHandle(new Core(null, true, opener, null));
    }

    /** @return a handle to the same embedder for a derived model; each handle is closed on its own */
    EmbedderHandle share() {
        core.users.incrementAndGet();
        return new EmbedderHandle(core);
    }

    /**
     * @return the embedder, opened now if it is opened lazily
     * @throws TopicJException if there is none, saying how to provide one
     */
    Embedder get() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("this topic model is closed; load or open it again");
            }
        }
        return core.get();
    }

    /** @return whether an embedder is at hand or can be opened */
    boolean available() {
        return core.embedder != null || core.opener != null;
    }

    /** @return the embedder if one is open now (nothing is opened) */
    Embedder ifOpen() {
        return core.embedder;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        core.release();
    }

    private static final class Core {
        private volatile Embedder embedder;
        private final boolean owned;
        private final Supplier<Embedder> opener;
        private final String missing;
        private final AtomicInteger users = new AtomicInteger(1);

        Core(Embedder embedder, boolean owned, Supplier<Embedder> opener, String missing) {
            this.embedder = embedder;
            this.owned = owned;
            this.opener = opener;
            this.missing = missing;
        }

        Embedder get() {
            Embedder e = embedder;
            if (e != null) {
                return e;
            }
            synchronized (this) {
                if (embedder == null) {
                    if (opener == null) {
                        throw new TopicJException(missing != null ? missing
                                : "this topic model has no embedder; pass embeddings, or load it with an embedder");
                    }
                    embedder = opener.get();
                }
                return embedder;
            }
        }

        void release() {
            if (users.decrementAndGet() == 0 && owned) {
                Embedder e;
                synchronized (this) {
                    e = embedder;
                    embedder = null;
                }
                if (e != null) {
                    e.close();
                }
            }
        }
    }

    /** For messages and tests: what this handle holds. */
    @Override
    public String toString() {
        return "EmbedderHandle[" + (core.embedder != null ? core.embedder.modelId() : core.opener != null ? "lazy" : "none")
                + (core.owned ? ", owned" : ", borrowed") + ", users " + core.users.get() + "]";
    }

}
