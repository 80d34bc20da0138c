package org.topicj.topics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The timestamps of documents for {@link TopicsOverTime}: numbers (years, epoch seconds, any
 * ordered quantity) or instants. {@link #parse} reads text as BERTopic's users pass it: numbers, or
 * dates and date-times (ISO-8601, or a {@link DateTimeFormatter} pattern); a date-time without an
 * offset is taken as UTC.
 *
 * <p>Unlike BERTopic, which type-checks only the first timestamp and parses with pandas (whose
 * string handling differs between pandas 2 and 3), every value is checked and a value that does not
 * parse is an error naming it.
 *
 * <p>Thread-safety: immutable.
 */
public final class Timestamps {
    private static final Pattern SPACED_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d.*");

    private final double[] numbers;
    private final Instant[] instants;

    private Timestamps(double[] numbers, Instant[] instants) {
        this.numbers = numbers;
        this.instants = instants;
    }

    /**
     * @param values one number per document, finite
     * @return numeric timestamps
     */
    public static Timestamps of(double... values) {
        Objects.requireNonNull(values, "values");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("timestamp " + i + " is " + values[i] + "; give finite numbers");
            }
        }
        return new Timestamps(values.clone(), null);
    }

    /**
     * @param values one instant per document
     * @return instants
     */
    public static Timestamps ofInstants(List<Instant> values) {
        Objects.requireNonNull(values, "values");
        Instant[] out = new Instant[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Objects.requireNonNull(values.get(i), () -> "timestamp is null");
        }
        return new Timestamps(null, out);
    }

    /**
     * Parses text timestamps: if every value is a number, numbers; otherwise every value must be a
     * date or date-time, in ISO-8601 ({@code 2021-03-05}, {@code 2021-03-05T10:15:00},
     * {@code 2021-03-05 10:15:00}, {@code 2021-03-05T10:15:00+01:00}) or in {@code pattern}.
     *
     * @param values one text per document (e.g. a jsonl field or csv column)
     * @param pattern a {@link DateTimeFormatter} pattern such as {@code dd/MM/yyyy}, or null for ISO-8601
     * @return the timestamps
     * @throws IllegalArgumentException naming the first value that does not parse
     */
    public static Timestamps parse(List<String> values, String pattern) {
        Objects.requireNonNull(values, "values");
        double[] numbers = new double[values.size()];
        boolean allNumbers = true;
        for (int i = 0; i < numbers.length && allNumbers; i++) {
            String v = Objects.requireNonNull(values.get(i), () -> "timestamp is null").strip();
            try {
                numbers[i] = Double.parseDouble(v);
                allNumbers = Double.isFinite(numbers[i]) && !v.isEmpty();
            } catch (NumberFormatException e) {
                allNumbers = false;
            }
        }
        if (allNumbers && pattern == null) {
            return new Timestamps(numbers, null);
        }
        DateTimeFormatter format = pattern == null ? null : DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        List<Instant> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(instant(values.get(i).strip(), format, i, pattern));
        }
        return ofInstants(out);
    }

    private static Instant instant(String text, DateTimeFormatter pattern, int index, String patternText) {
        try {
            TemporalAccessor t;
            if (pattern != null) {
                t = pattern.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
            } else {
                String iso = SPACED_DATE_TIME.matcher(text).matches() ? text.replaceFirst(" ", "T") : text;
                t = iso.contains("T") ? DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from)
                        : DateTimeFormatter.ISO_LOCAL_DATE.parse(iso, LocalDate::from);
            }
            if (t instanceof ZonedDateTime z) {
                return z.toInstant();
            }
            if (t instanceof LocalDateTime l) {
                return l.toInstant(ZoneOffset.UTC);
            }
            return ((LocalDate) t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp " + index + " ('" + text + "') is not a number and not a date or date-time "
                    + (patternText == null ? "in ISO-8601 (such as 2021-03-05 or 2021-03-05T10:15:00); give its pattern, e.g. dd/MM/yyyy"
                    : "in the pattern '" + patternText + "'"), e);
        }
    }

    /** @return how many documents */
    public int size() {
        return numbers != null ? numbers.length : instants.length;
    }

    /** @return whether these are instants (else numbers) */
    public boolean isInstants() {
        return instants != null;
    }

    /** @param i a document @return its timestamp */
    public Value value(int i) {
        return numbers != null ? Value.of(numbers[i]) : Value.of(instants[i]);
    }

    /** As numbers: the values, or the instants' nanoseconds since the epoch (as pandas bins datetimes). */
    double[] asNumbers() {
        if (numbers != null) {
            return numbers.clone();
        }
        double[] out = new double[instants.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = instants[i].getEpochSecond() * 1e9 + instants[i].getNano();
        }
        return out;
    }

    /**
     * A timestamp as it appears in results: a number or an instant.
     *
     * @param number the number, if not an instant (else NaN)
     * @param instant the instant, or null for a number
     */
    public record Value(double number, Instant instant) implements Comparable<Value> {
        /** @param number a number @return it as a timestamp */
        public static Value of(double number) {
            return new Value(number, null);
        }

        /** @param instant an instant @return it as a timestamp */
        public static Value of(Instant instant) {
            return new Value(Double.NaN, Objects.requireNonNull(instant));
        }

        /** @return whether this is an instant */
        public boolean isInstant() {
            return instant != null;
        }

        @Override
        public int compareTo(Value o) {
            return instant != null ? instant.compareTo(o.instant) : Double.compare(number, o.number);
        }

        /** @return the instant in ISO-8601, or the number (without a fraction when it is whole) */
        @Override
        public String toString() {
            if (instant != null) {
                return instant.toString();
            }
            return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number) : Double.toString(number);
        }
    }
}
