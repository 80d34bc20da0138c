package org.topicj.model2vec.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds delimiters in a text as the contiguous {start, end, isMatch} ranges that
 * {@link SplitBehavior} consumes, as {@code tokenizers}' {@code Pattern::find_matches} does.
 *
 * <p>Thread-safety: stateless.
 */
final class Matches {
    private Matches() {
    }

    /** Each code point the predicate accepts is a match of its own. */
    static List<int[]> ofChars(String text, IntPredicate delimiter) {
        List<int[]> out = new ArrayList<>();
        if (text.isEmpty()) {
            out.add(new int[] {0, 0, 0});
            return out;
        }
        int last = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (delimiter.test(c)) {
                if (last < i) {
                    out.add(new int[] {last, i, 0});
                }
                out.add(new int[] {i, next, 1});
                last = next;
            }
            i = next;
        }
        if (last < text.length()) {
            out.add(new int[] {last, text.length(), 0});
        }
        return out;
    }

    /** Each regex match is a match; the gaps between are not. */
    static List<int[]> ofRegex(String text, Pattern pattern) {
        List<int[]> out = new ArrayList<>();
        if (text.isEmpty()) {
            out.add(new int[] {0, 0, 0});
            return out;
        }
        int prev = 0;
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (prev != m.start()) {
                out.add(new int[] {prev, m.start(), 0});
            }
            out.add(new int[] {m.start(), m.end(), 1});
            prev = m.end();
        }
        if (prev != text.length()) {
            out.add(new int[] {prev, text.length(), 0});
        }
        return out;
    }

    /** Flips every range's match flag ({@code Invert}). */
    static List<int[]> invert(List<int[]> ranges) {
        for (int[] r : ranges) {
            r[2] = 1 - r[2];
        }
        return ranges;
    }
}
