package org.topicj.model2vec.tokenizer;

import java.util.Locale;

/**
 * The character classes Hugging Face's {@code tokenizers} (Rust) uses, written out so that Java's
 * own definitions (which differ: {@link Character#isWhitespace} excludes no-break spaces) never
 * leak in.
 *
 * <p>Thread-safety: stateless.
 */
final class UnicodeChars {
    private UnicodeChars() {
    }

    /** Rust's {@code char::is_whitespace}: the Unicode White_Space property. */
    static boolean isWhitespace(int c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** {@code unicode_categories::is_other}: Cc, Cf, Cs, Co, Cn. */
    static boolean isOther(int c) {
        int t = Character.getType(c);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.PRIVATE_USE || t == Character.UNASSIGNED;
    }

    /** {@code unicode_categories::is_punctuation}: Pc, Pd, Ps, Pe, Pi, Pf, Po. */
    static boolean isPunctuation(int c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** BERT's punctuation: ASCII punctuation (symbols such as $ and ^ included) or Unicode P*. */
    static boolean isBertPunctuation(int c) {
        if (c < 0x80) {
            return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
        }
        return isPunctuation(c);
    }

    /** BERT's "Chinese character": the CJK Unified Ideographs blocks and their extensions. */
    static boolean isChineseChar(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    /** Mn, as Rust's {@code is_mark_nonspacing}. */
    static boolean isNonSpacingMark(int c) {
        return Character.getType(c) == Character.NON_SPACING_MARK;
    }

    /** Mn, Mc, Me, as {@code is_combining_mark} (the StripAccents normalizer). */
    static boolean isCombiningMark(int c) {
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    /** Rust's {@code char::is_numeric}: Nd, Nl, No. */
    static boolean isNumeric(int c) {
        int t = Character.getType(c);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    /**
     * Lower-cases code point by code point with the full Unicode mapping (U+0130 becomes two
     * characters), as Rust's {@code char::to_lowercase}; unlike {@link String#toLowerCase} it never
     * applies the context-dependent final-sigma rule.
     */
    static String lowercase(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            if (c < 0x80) {
                if (c >= 'A' && c <= 'Z') {
                    sb = ensure(sb, s, i);
                    sb.append((char) (c + 32));
                } else if (sb != null) {
                    sb.append((char) c);
                }
            } else {
                String lower = c == 0x03A3 ? "\u03C3" : new String(Character.toChars(c)).toLowerCase(Locale.ROOT);
                if (sb != null || !lower.equals(s.substring(i, i + n))) {
                    sb = ensure(sb, s, i);
                    sb.append(lower);
                }
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }

    private static StringBuilder ensure(StringBuilder sb, String s, int upTo) {
        if (sb != null) {
            return sb;
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        b.append(s, 0, upTo);
        return b;
    }
}
