package org.topicj.embed;

/**
 * The model a key names does not exist where the backend looks (no such folder, not in the cache,
 * not bundled): a mistake in the key or a missing download, which the caller fixes. The message says
 * where the backend looked and how to provide the model.
 *
 * <p>Thread-safety: immutable.
 */
public class ModelNotFoundException extends BackendInitializationException {
    private static final long serialVersionUID = 1L;

    /** @param message where the backend looked and what to do */
    public ModelNotFoundException(String message) {
        super(message);
    }
}
