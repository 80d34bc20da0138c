package org.topicj.model2vec.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * What a split does with the delimiters it finds ({@code SplitDelimiterBehavior}), applied to a
 * list of contiguous ranges that cover the text, each flagged as a match or not.
 *
 * <p>Thread-safety: immutable.
 */
enum SplitBehavior {
    /** Delimiters are dropped. */
    REMOVED,
    /** Delimiters become pieces of their own. */
    ISOLATED,
    /** A delimiter joins the piece before it. */
    MERGED_WITH_PREVIOUS,
    /** A delimiter joins the piece after it. */
    MERGED_WITH_NEXT,
    /** Runs of delimiters become one piece. */
    CONTIGUOUS;

    static SplitBehavior parse(String name) {
        return switch (name) {
            case "Removed" -> REMOVED;
            case "Isolated" -> ISOLATED;
            case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> MERGED_WITH_NEXT;
            case "Contiguous" -> CONTIGUOUS;
            default -> throw new IllegalArgumentException("unknown split behavior '" + name
                    + "'; expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous");
        };
    }

    /**
     * @param piece the piece being split
     * @param ranges {start, end, isMatch (1/0)} triples covering the piece's text in order
     * @param out receives the non-empty results
     */
    void apply(Piece piece, List<int[]> ranges, List<Piece> out) {
        List<int[]> kept = switch (this) {
            case REMOVED -> ranges;
            case ISOLATED -> ranges.stream().map(r -> new int[] {r[0], r[1], 0}).toList();
            case CONTIGUOUS -> contiguous(ranges);
            case MERGED_WITH_PREVIOUS -> mergedWithPrevious(ranges);
            case MERGED_WITH_NEXT -> mergedWithNext(ranges);
        };
        String text = piece.text();
        for (int[] r : kept) {
            if (r[2] == 0 && r[1] > r[0]) {
                out.add(new Piece(text.substring(r[0], r[1]), piece.atStart() && r[0] == 0));
            }
        }
    }

    private static List<int[]> contiguous(List<int[]> ranges) {
        List<int[]> acc = new ArrayList<>();
        boolean previous = false;
        for (int[] r : ranges) {
            boolean match = r[2] == 1;
            if (match == previous && !acc.isEmpty()) {
                acc.get(acc.size() - 1)[1] = r[1];
            } else {
                acc.add(new int[] {r[0], r[1], 0});
            }
            previous = match;
        }
        return acc;
    }

    private static List<int[]> mergedWithPrevious(List<int[]> ranges) {
        List<int[]> acc = new ArrayList<>();
        boolean previous = false;
        for (int[] r : ranges) {
            boolean match = r[2] == 1;
            if (match && !previous && !acc.isEmpty()) {
                acc.get(acc.size() - 1)[1] = r[1];
            } else {
                acc.add(new int[] {r[0], r[1], 0});
            }
            previous = match;
        }
        return acc;
    }

    private static List<int[]> mergedWithNext(List<int[]> ranges) {
        List<int[]> acc = new ArrayList<>();
        boolean previous = false;
        for (int i = ranges.size() - 1; i >= 0; i--) {
            int[] r = ranges.get(i);
            boolean match = r[2] == 1;
            if (match && !previous && !acc.isEmpty()) {
                acc.get(acc.size() - 1)[0] = r[0];
            } else {
                acc.add(new int[] {r[0], r[1], 0});
            }
            previous = match;
        }
        java.util.Collections.reverse(acc);
        return acc;
    }
}
