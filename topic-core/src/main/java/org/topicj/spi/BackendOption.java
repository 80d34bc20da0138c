package org.topicj.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One option an embedding backend understands, declared once: its name, type, default, whether it is
 * a credential, and what it does. A provider lists its options in {@link EmbedderProvider#options()};
 * the registry derives the supported and secret names from that list, rejects unknown names and
 * malformed values before {@link EmbedderProvider#open} runs, and listings ({@code topicj backends
 * --details}) print the descriptions.
 *
 * <p>Options of type {@link Type#LOCATION} name a place the backend reaches (a folder, a file, a
 * server): a saved topic model that records one is not reopened with it unless the caller allows it.
 *
 * @param name the option's name, lower-case with underscores (e.g. {@code batch_size})
 * @param type how its value is parsed
 * @param defaultValue the value used when the option is not given, as text; {@code null} if none
 * @param secret whether it holds a credential: used to open, never logged or saved
 * @param description one sentence for listings and error messages
 * @param choices the allowed values of a {@link Type#CHOICE} option, else empty
 */
public record BackendOption(String name, Type type, String defaultValue, boolean secret, String description,
                            List<String> choices) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** How an option's value is read. */
    public enum Type {
        /** Any text. */
        STRING,
        /** A whole number. */
        INTEGER,
        /** A decimal number. */
        NUMBER,
        /** {@code true} or {@code false}, any case. */
        BOOLEAN,
        /** One of the declared {@link #choices()}, any case. */
        CHOICE,
        /** A file, folder or URL the backend will open or contact. */
        LOCATION
    }

    /** Checks the declaration. */
    public BackendOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("option name '" + name + "' must be lower-case letters, digits and '_'");
        }
        choices = List.copyOf(choices);
        if ((type == Type.CHOICE) == choices.isEmpty()) {
            throw new IllegalArgumentException("option '" + name + "': choices go with type CHOICE, and only with it");
        }
    }

    /** @param name the name @param defaultValue the default, or null @param description what it does @return a text option */
    public static BackendOption string(String name, String defaultValue, String description) {
        return new BackendOption(name, Type.STRING, defaultValue, false, description, List.of());
    }

    /** @param name the name @param defaultValue the default, or null @param description what it does @return a whole-number option */
    public static BackendOption integer(String name, Integer defaultValue, String description) {
        return new BackendOption(name, Type.INTEGER, defaultValue == null ? null : defaultValue.toString(), false, description, List.of());
    }

    /** @param name the name @param defaultValue the default, or null @param description what it does @return a decimal option */
    public static BackendOption number(String name, Double defaultValue, String description) {
        return new BackendOption(name, Type.NUMBER, defaultValue == null ? null : defaultValue.toString(), false, description, List.of());
    }

    /** @param name the name @param defaultValue the default @param description what it does @return a true/false option */
    public static BackendOption bool(String name, boolean defaultValue, String description) {
        return new BackendOption(name, Type.BOOLEAN, Boolean.toString(defaultValue), false, description, List.of());
    }

    /**
     * @param name the name
     * @param defaultValue the default, one of the choices, or null
     * @param description what it does
     * @param choices the allowed values
     * @return a choice option
     */
    public static BackendOption choice(String name, String defaultValue, String description, String... choices) {
        return new BackendOption(name, Type.CHOICE, defaultValue, false, description, List.of(choices));
    }

    /** @param name the name @param description what it names @return an option naming a file, folder or server */
    public static BackendOption location(String name, String description) {
        return new BackendOption(name, Type.LOCATION, null, false, description, List.of());
    }

    /** @param name the name @param description what credential it holds @return a secret text option */
    public static BackendOption secret(String name, String description) {
        return new BackendOption(name, Type.STRING, null, true, description, List.of());
    }

    /**
     * Checks a value against the type.
     *
     * @param value the value as given
     * @param key the embedder key, for the message
     * @throws IllegalArgumentException naming the option, the value (never a secret one) and what is expected
     */
    public void check(String value, String key) {
        String v = value == null ? null : value.trim();
        boolean ok = switch (type) {
            case STRING, LOCATION -> v != null;
            case INTEGER -> v != null && v.matches("[+-]?\\d{1,10}") && fitsInt(v);
            case NUMBER -> v != null && isNumber(v);
            case BOOLEAN -> v != null && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"));
            case CHOICE -> v != null && choices.stream().anyMatch(c -> c.equalsIgnoreCase(v));
        };
        if (!ok) {
            throw new IllegalArgumentException("option '" + name + "' of '" + key + "': " + name + " must be " + expected()
                    + (secret ? "" : ", got '" + value + "'") + " (" + description + ")");
        }
    }

    /** @return what a value must look like, for messages and listings */
    public String expected() {
        return switch (type) {
            case STRING -> "text";
            case LOCATION -> "a path or URL";
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case CHOICE -> choices.size() == 1 ? choices.get(0)
                    : String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
        };
    }

    /** @return one line for listings: name, expected value, default and description */
    public String describe() {
        return name + " (" + expected().toLowerCase(Locale.ROOT) + (defaultValue == null ? "" : ", default " + defaultValue)
                + (secret ? ", secret" : "") + "): " + description;
    }

    private static boolean fitsInt(String v) {
        try {
            Integer.parseInt(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isNumber(String v) {
        try {
            return Double.isFinite(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
