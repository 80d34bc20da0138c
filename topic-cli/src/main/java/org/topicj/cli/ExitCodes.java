package org.topicj.cli;

/** The exit codes of {@code topicj}, part of its contract with scripts. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** A failure while running: backend, model, I/O or a feature not available yet. */
    static final int FAILURE = 1;
    /** Bad usage or malformed input; nothing was written. */
    static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
