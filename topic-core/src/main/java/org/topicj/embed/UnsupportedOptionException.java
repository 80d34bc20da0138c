package org.topicj.embed;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.topicj.TopicJException;

/**
 * An option was given that the chosen backend does not understand. Options are never ignored
 * silently: a misspelt {@code batch_sise} would otherwise run with the default and nobody would know.
 *
 * <p>Thread-safety: immutable.
 */
public class UnsupportedOptionException extends TopicJException {
    private static final long serialVersionUID = 1L;

    private final List<String> unsupported;
    private final List<String> supported;

    /**
     * @param subject what was given the options, e.g. {@code "embedding backend 'sbert'"}
     * @param unsupported the options it does not support
     * @param supported the options it does support
     */
    public UnsupportedOptionException(String subject, Collection<String> unsupported, Collection<String> supported) {
        super(subject + " does not support option(s) " + new TreeSet<>(unsupported)
                + "; supported: " + (supported.isEmpty() ? "none" : new TreeSet<>(supported)));
        this.unsupported = List.copyOf(new TreeSet<>(unsupported));
        this.supported = List.copyOf(new TreeSet<>(supported));
    }

    /** @return the options that were rejected, sorted */
    public List<String> unsupported() {
        return unsupported;
    }

    /** @return the options the subject accepts, sorted */
    public List<String> supported() {
        return supported;
    }

    /**
     * Throws if {@code given} holds anything outside {@code supported}.
     *
     * @param subject what was given the options, for the message
     * @param given the option names that were passed
     * @param supported the option names that are understood
     * @throws UnsupportedOptionException if any given option is not supported
     */
    public static void check(String subject, Set<String> given, Set<String> supported) {
        Set<String> bad = new TreeSet<>(given);
        bad.removeAll(supported);
        if (!bad.isEmpty()) {
            throw new UnsupportedOptionException(subject, bad, supported);
        }
    }
}
