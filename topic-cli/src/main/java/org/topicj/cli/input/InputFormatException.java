package org.topicj.cli.input;

import java.nio.file.Path;
import org.topicj.TopicJException;

/**
 * Malformed input: the message starts with {@code file:line:} so editors and people can jump to it.
 * The command line exits with code 2 and writes nothing.
 *
 * <p>Thread-safety: immutable.
 */
public class InputFormatException extends TopicJException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /**
     * @param file the input file
     * @param line 1-based line number, or 0 when the problem is the whole file
     * @param problem what is wrong and what would be right
     */
    public InputFormatException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** @return the input file */
    public Path file() {
        return file;
    }

    /** @return the 1-based line, or 0 for the whole file */
    public long line() {
        return line;
    }
}
