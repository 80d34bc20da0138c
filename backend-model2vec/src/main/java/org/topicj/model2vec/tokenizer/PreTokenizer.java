package org.topicj.model2vec.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One step of a {@code tokenizer.json} "pre_tokenizer": splits pieces of normalised text into
 * smaller pieces (words) that the model then tokenises one by one.
 *
 * <p>Thread-safety: implementations are immutable.
 */
interface PreTokenizer {
    /** Words and runs of other non-space characters ({@code \w+|[^\w\s]+}, Unicode classes). */
    Pattern WHITESPACE_WORDS = Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS);
    /** GPT-2's split, used by {@code ByteLevel} with {@code use_regex}. */
    Pattern GPT2 = Pattern.compile("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * @param piece a piece
     * @param out receives its sub-pieces, none empty
     */
    void split(Piece piece, List<Piece> out);

    /**
     * @param pieces pieces
     * @return all their sub-pieces, in order
     */
    default List<Piece> apply(List<Piece> pieces) {
        List<Piece> out = new ArrayList<>(pieces.size() * 4);
        for (Piece p : pieces) {
            split(p, out);
        }
        return out;
    }

    /** {@code BertPreTokenizer}: split on White_Space (dropped), then isolate each punctuation character. */
    record Bert() implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            String s = piece.text();
            int start = -1;
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                int next = i + Character.charCount(c);
                if (UnicodeChars.isWhitespace(c)) {
                    flush(piece, start, i, out);
                    start = -1;
                } else if (UnicodeChars.isBertPunctuation(c)) {
                    flush(piece, start, i, out);
                    out.add(new Piece(s.substring(i, next), piece.atStart() && i == 0));
                    start = -1;
                } else if (start < 0) {
                    start = i;
                }
                i = next;
            }
            flush(piece, start, s.length(), out);
        }

        private static void flush(Piece piece, int start, int end, List<Piece> out) {
            if (start >= 0 && end > start) {
                out.add(new Piece(piece.text().substring(start, end), piece.atStart() && start == 0));
            }
        }
    }

    /** {@code Whitespace}: {@code \w+|[^\w\s]+} pieces, the rest dropped. */
    record Whitespace() implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            SplitBehavior.REMOVED.apply(piece, Matches.invert(Matches.ofRegex(piece.text(), WHITESPACE_WORDS)), out);
        }
    }

    /** {@code WhitespaceSplit}: split on White_Space, dropped. */
    record WhitespaceSplit() implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            SplitBehavior.REMOVED.apply(piece, Matches.ofChars(piece.text(), UnicodeChars::isWhitespace), out);
        }
    }

    /** {@code CharDelimiterSplit}: split on one character, dropped. */
    record CharDelimiter(int delimiter) implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            SplitBehavior.REMOVED.apply(piece, Matches.ofChars(piece.text(), c -> c == delimiter), out);
        }
    }

    /** {@code Punctuation}: split on punctuation with a behaviour (default isolated). */
    record Punctuation(SplitBehavior behavior) implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            behavior.apply(piece, Matches.ofChars(piece.text(), UnicodeChars::isBertPunctuation), out);
        }
    }

    /** {@code Digits}: numeric characters isolated one by one, or kept in runs. */
    record Digits(boolean individual) implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            (individual ? SplitBehavior.ISOLATED : SplitBehavior.CONTIGUOUS)
                    .apply(piece, Matches.ofChars(piece.text(), UnicodeChars::isNumeric), out);
        }
    }

    /** {@code Split}: a literal or regex pattern, a behaviour, optionally inverted. */
    record Split(Pattern pattern, SplitBehavior behavior, boolean invert) implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            List<int[]> ranges = Matches.ofRegex(piece.text(), pattern);
            behavior.apply(piece, invert ? Matches.invert(ranges) : ranges, out);
        }
    }

    /** {@code FixedLength}: chunks of so many characters. */
    record FixedLength(int length) implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            String s = piece.text();
            int start = 0;
            while (start < s.length()) {
                int end = s.offsetByCodePoints(start, Math.min(length, s.codePointCount(start, s.length())));
                out.add(new Piece(s.substring(start, end), piece.atStart() && start == 0));
                start = end;
            }
        }
    }

    /**
     * {@code Metaspace}: spaces become the replacement character (default U+2581), which is
     * prepended (always, to the first piece only, or never) and then starts each piece.
     */
    record Metaspace(char replacement, String prependScheme, boolean splitPieces) implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            String s = piece.text().replace(' ', replacement);
            boolean prepend = switch (prependScheme) {
                case "always" -> true;
                case "first" -> piece.atStart();
                default -> false;
            };
            if (prepend && !s.isEmpty() && s.charAt(0) != replacement) {
                s = replacement + s;
            }
            Piece replaced = new Piece(s, piece.atStart());
            if (splitPieces) {
                SplitBehavior.MERGED_WITH_NEXT.apply(replaced, Matches.ofChars(s, c -> c == replacement), out);
            } else if (!s.isEmpty()) {
                out.add(replaced);
            }
        }
    }

    /** {@code ByteLevel}: optional leading space, GPT-2's regex split, then bytes as characters. */
    record ByteLevel(boolean addPrefixSpace, boolean useRegex) implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            String s = piece.text();
            if (addPrefixSpace && !s.isEmpty() && !s.startsWith(" ")) {
                s = " " + s;
            }
            List<Piece> words = new ArrayList<>();
            Piece spaced = new Piece(s, piece.atStart());
            if (useRegex) {
                SplitBehavior.ISOLATED.apply(spaced, Matches.ofRegex(s, GPT2), words);
            } else if (!s.isEmpty()) {
                words.add(spaced);
            }
            for (Piece w : words) {
                out.add(new Piece(ByteLevelAlphabet.encode(w.text()), w.atStart()));
            }
        }
    }

    /** {@code Sequence}: each in turn over all pieces. */
    record Sequence(List<PreTokenizer> steps) implements PreTokenizer {
        @Override
        public void split(Piece piece, List<Piece> out) {
            List<Piece> pieces = List.of(piece);
            for (PreTokenizer p : steps) {
                pieces = p.apply(pieces);
            }
            out.addAll(pieces);
        }
    }
}
