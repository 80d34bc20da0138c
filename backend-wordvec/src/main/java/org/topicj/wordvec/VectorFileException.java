package org.topicj.wordvec;

import java.nio.file.Path;
import org.topicj.TopicJException;

/** A word-vector file that cannot be read as it stands; the message names the file and the line (or row). */
public final class VectorFileException extends TopicJException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file
     * @param where {@code "line 12"} or {@code "row 12"}, or {@code null} for the whole file
     * @param message what is wrong and what to do
     */
    VectorFileException(Path file, String where, String message) {
        super(file + (where == null ? "" : ":" + where) + ": " + message);
    }

    VectorFileException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
    }
}
