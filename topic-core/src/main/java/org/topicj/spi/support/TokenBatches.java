package org.topicj.spi.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups tokenised texts into batches for a model run: longest first, so each batch pads to lengths
 * close to its own and short texts never pay for long ones. Results go back to input order through
 * the indices each batch carries.
 *
 * <p>Thread-safety: stateless.
 */
public final class TokenBatches {
    private TokenBatches() {
    }

    /**
     * @param lengths tokens of each text
     * @param batchSize texts per batch, at most, &gt; 0
     * @return batches of text indices, longest texts first; ties keep input order
     */
    public static List<int[]> byLength(int[] lengths, int batchSize) {
        return byLength(lengths, batchSize, Long.MAX_VALUE);
    }

    /**
     * Like {@link #byLength(int[], int)}, also capping each batch's padded size (texts times its
     * longest text), so a batch of long texts holds fewer of them.
     *
     * @param lengths tokens of each text
     * @param batchSize texts per batch, at most, &gt; 0
     * @param tokenBudget padded tokens per batch, at most, &gt; 0 (a single text longer than it is a batch of its own)
     * @return batches of text indices, longest texts first
     */
    public static List<int[]> byLength(int[] lengths, int batchSize, long tokenBudget) {
        if (batchSize <= 0 || tokenBudget <= 0) {
            throw new IllegalArgumentException("batch size and token budget must be positive, got " + batchSize + " and " + tokenBudget);
        }
        Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]).reversed());
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            // Sorted longest first: the batch's first text sets its padded width.
            long width = Math.max(1, lengths[order[start]]);
            int size = (int) Math.max(1, Math.min(batchSize, tokenBudget / width));
            int end = Math.min(order.length, start + size);
            int[] batch = new int[end - start];
            for (int k = start; k < end; k++) {
                batch[k - start] = order[k];
            }
            batches.add(batch);
            start = end;
        }
        return batches;
    }
}
