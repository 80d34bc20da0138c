package org.topicj.model2vec.tokenizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step of a {@code tokenizer.json} "normalizer": a text-to-text transformation applied before
 * pre-tokenisation, as the Rust {@code tokenizers} library does it (offsets are not tracked: only
 * the ids matter here).
 *
 * <p>Thread-safety: implementations are immutable.
 */
interface Normalizer {
    /**
     * @param text the text
     * @return the normalised text
     */
    String normalize(String text);

    /** {@code BertNormalizer}: clean text, pad CJK ideographs, strip accents, lower-case. */
    record Bert(boolean cleanText, boolean handleChineseChars, Boolean stripAccents, boolean lowercase) implements Normalizer {
        @Override
        public String normalize(String text) {
            String s = text;
            if (cleanText || handleChineseChars) {
                s = cleanAndPad(s);
            }
            if (stripAccents != null ? stripAccents : lowercase) {
                s = removeNonSpacingMarks(java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD));
            }
            return lowercase ? UnicodeChars.lowercase(s) : s;
        }

        private String cleanAndPad(String s) {
            StringBuilder sb = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                i += Character.charCount(c);
                if (cleanText) {
                    boolean control = c != '\t' && c != '\n' && c != '\r' && UnicodeChars.isOther(c);
                    if (c == 0 || c == 0xFFFD || control) {
                        continue;
                    }
                    if (c == '\t' || c == '\n' || c == '\r' || UnicodeChars.isWhitespace(c)) {
                        c = ' ';
                    }
                }
                if (handleChineseChars && UnicodeChars.isChineseChar(c)) {
                    sb.append(' ').appendCodePoint(c).append(' ');
                } else {
                    sb.appendCodePoint(c);
                }
            }
            return sb.toString();
        }

        private static String removeNonSpacingMarks(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            s.codePoints().filter(c -> !UnicodeChars.isNonSpacingMark(c)).forEach(sb::appendCodePoint);
            return sb.toString();
        }
    }

    /** {@code NFC}, {@code NFD}, {@code NFKC}, {@code NFKD}. */
    record Unicode(java.text.Normalizer.Form form) implements Normalizer {
        @Override
        public String normalize(String text) {
            return java.text.Normalizer.normalize(text, form);
        }
    }

    /** {@code Lowercase}. */
    record Lowercase() implements Normalizer {
        @Override
        public String normalize(String text) {
            return UnicodeChars.lowercase(text);
        }
    }

    /** {@code StripAccents}: drops combining marks (Mn, Mc, Me); no decomposition of its own. */
    record StripAccents() implements Normalizer {
        @Override
        public String normalize(String text) {
            StringBuilder sb = new StringBuilder(text.length());
            text.codePoints().filter(c -> !UnicodeChars.isCombiningMark(c)).forEach(sb::appendCodePoint);
            return sb.toString();
        }
    }

    /** {@code Strip}: leading and/or trailing White_Space. */
    record Strip(boolean left, boolean right) implements Normalizer {
        @Override
        public String normalize(String text) {
            int start = 0;
            int end = text.length();
            while (left && start < end && UnicodeChars.isWhitespace(text.codePointAt(start))) {
                start += Character.charCount(text.codePointAt(start));
            }
            while (right && end > start && UnicodeChars.isWhitespace(text.codePointBefore(end))) {
                end -= Character.charCount(text.codePointBefore(end));
            }
            return text.substring(start, end);
        }
    }

    /** {@code Replace}: every match of a literal or regex pattern by a fixed string. */
    record Replace(Pattern pattern, String content) implements Normalizer {
        @Override
        public String normalize(String text) {
            return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(content));
        }
    }

    /** {@code Prepend}: a prefix, unless the text is empty. */
    record Prepend(String prefix) implements Normalizer {
        @Override
        public String normalize(String text) {
            return text.isEmpty() ? text : prefix + text;
        }
    }

    /** {@code ByteLevel} as a normaliser: each UTF-8 byte becomes its printable stand-in character. */
    record ByteLevel() implements Normalizer {
        @Override
        public String normalize(String text) {
            return ByteLevelAlphabet.encode(text);
        }
    }

    /** {@code Sequence}: each in turn. */
    record Sequence(List<Normalizer> steps) implements Normalizer {
        @Override
        public String normalize(String text) {
            String s = text;
            for (Normalizer n : steps) {
                s = n.normalize(s);
            }
            return s;
        }
    }
}
