package org.topicj.io;

import java.nio.file.Path;
import org.topicj.TopicJException;

/**
 * A saved model that TopicJ refuses to load: a file missing, of the wrong type or size, or a field
 * whose value is out of range or inconsistent with another. The message names the file and the field,
 * so a tampered or half-copied folder is reported where it is broken, never loaded.
 *
 * <p>Thread-safety: immutable.
 */
public class CorruptModelException extends TopicJException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String field;

    /**
     * @param file the file at fault
     * @param field the field or array at fault, or null for the file as a whole
     * @param problem what is wrong: a predicate for the whole file ("is missing"), a sentence for a field
     */
    public CorruptModelException(Path file, String field, String problem) {
        super(message(file, field, problem));
        this.file = file;
        this.field = field;
    }

    /**
     * @param file the file at fault
     * @param field the field or array at fault
     * @param problem what is wrong with it
     * @param cause the underlying failure
     */
    public CorruptModelException(Path file, String field, String problem, Throwable cause) {
        super(message(file, field, problem), cause);
        this.file = file;
        this.field = field;
    }

    /** "FILE is missing" for the file as a whole; "FILE, field 'F': what is wrong" for a field. */
    private static String message(Path file, String field, String problem) {
        return "corrupt saved model: " + file + (field == null ? " " + problem : ", field '" + field + "': " + problem);
    }

    /** @return the file at fault */
    public Path file() {
        return file;
    }

    /** @return the field or array at fault, or null for the file as a whole */
    public String field() {
        return field;
    }
}
