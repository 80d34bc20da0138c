package org.topicj.model2vec.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits a text around its added tokens, as {@code AddedVocabulary::extract_and_normalize}: first the
 * tokens with {@code normalized: false} on the raw text, then the normalising step on each remaining
 * piece, then the tokens with {@code normalized: true} (compared in their normalised form) on the
 * normalised pieces. Matches are leftmost-longest; {@code single_word}, {@code lstrip} and
 * {@code rstrip} apply as in the Rust library. Added tokens match even without special tokens
 * (they are part of the text), exactly as {@code encode(text, add_special_tokens=False)} does.
 *
 * <p>Thread-safety: immutable.
 */
final class AddedVocabulary {
    private static final Pattern WORD_CHAR = Pattern.compile("\\w", Pattern.UNICODE_CHARACTER_CLASS);

    /** A piece of the input: text still to tokenise, or a matched added token. */
    record Segment(String text, int tokenId, boolean atStart) {
        boolean isToken() {
            return tokenId >= 0;
        }
    }

    private record Entry(String pattern, AddedToken token) {
    }

    private final Map<Character, List<Entry>> raw;
    private final Map<Character, List<Entry>> normalizedEntries;

    AddedVocabulary(List<AddedToken> tokens, Normalizer normalizer) {
        List<Entry> r = new ArrayList<>();
        List<Entry> n = new ArrayList<>();
        for (AddedToken t : tokens) {
            if (t.content().isEmpty()) {
                continue;
            }
            if (t.normalized()) {
                n.add(new Entry(normalizer == null ? t.content() : normalizer.normalize(t.content()), t));
            } else {
                r.add(new Entry(t.content(), t));
            }
        }
        // Longest first, so the first candidate that matches at a position is the longest one there.
        Comparator<Entry> longestFirst = Comparator.comparingInt((Entry e) -> -e.pattern().length());
        r.sort(longestFirst);
        n.sort(longestFirst);
        this.raw = byFirstChar(r);
        this.normalizedEntries = byFirstChar(n);
    }

    private static Map<Character, List<Entry>> byFirstChar(List<Entry> entries) {
        Map<Character, List<Entry>> m = new HashMap<>();
        for (Entry e : entries) {
            if (!e.pattern().isEmpty()) {
                m.computeIfAbsent(e.pattern().charAt(0), k -> new ArrayList<>()).add(e);
            }
        }
        return Map.copyOf(m);
    }

    /**
     * @param text the raw input
     * @param normalizer the normaliser, or null
     * @return the pieces, in order; token pieces carry their id, the others are normalised
     */
    List<Segment> split(String text, Normalizer normalizer) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : find(text, true, raw)) {
            if (s.isToken()) {
                out.add(s);
                continue;
            }
            String normalized = normalizer == null ? s.text() : normalizer.normalize(s.text());
            for (Segment t : find(normalized, s.atStart(), normalizedEntries)) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<Segment> find(String s, boolean atStart, Map<Character, List<Entry>> entries) {
        List<Segment> out = new ArrayList<>();
        if (entries.isEmpty() || s.isEmpty()) {
            out.add(new Segment(s, -1, atStart));
            return out;
        }
        int startOffset = 0;
        int pos = 0;
        while (pos < s.length()) {
            Entry hit = matchAt(s, pos, entries);
            if (hit == null) {
                pos++;
                continue;
            }
            int start = pos;
            int stop = pos + hit.pattern().length();
            AddedToken t = hit.token();
            if (t.singleWord()) {
                boolean startSpace = start == 0 || !WORD_CHAR.matcher(s.substring(start - Character.charCount(s.codePointBefore(start)), start)).matches();
                boolean stopSpace = stop == s.length() || !WORD_CHAR.matcher(s.substring(stop, stop + Character.charCount(s.codePointAt(stop)))).matches();
                if (!startSpace || !stopSpace) {
                    pos = stop;
                    continue;
                }
            }
            if (t.lstrip()) {
                int newStart = start;
                while (newStart > 0 && UnicodeChars.isWhitespace(s.codePointBefore(newStart))) {
                    newStart -= Character.charCount(s.codePointBefore(newStart));
                }
                start = Math.max(newStart, startOffset);
            }
            if (t.rstrip()) {
                while (stop < s.length() && UnicodeChars.isWhitespace(s.codePointAt(stop))) {
                    stop += Character.charCount(s.codePointAt(stop));
                }
            }
            if (startOffset < start) {
                out.add(new Segment(s.substring(startOffset, start), -1, atStart && startOffset == 0));
            }
            out.add(new Segment(s.substring(start, stop), t.id(), atStart && start == 0));
            startOffset = stop;
            pos = stop;
        }
        if (startOffset < s.length()) {
            out.add(new Segment(s.substring(startOffset), -1, atStart && startOffset == 0));
        }
        return out;
    }

    private static Entry matchAt(String s, int pos, Map<Character, List<Entry>> entries) {
        List<Entry> candidates = entries.get(s.charAt(pos));
        if (candidates == null) {
            return null;
        }
        for (Entry e : candidates) {
            if (s.startsWith(e.pattern(), pos)) {
                return e;
            }
        }
        return null;
    }
}
