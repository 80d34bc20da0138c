package org.topicj.hf.nn;

/**
 * Token ids for one model run: {@code rows} sequences right-padded to {@code width}, row-major.
 *
 * @param ids token ids (padding with the model's pad id)
 * @param mask 1 for a real token, 0 for padding
 * @param typeIds token type (segment) ids, zeros for single texts
 * @param rows sequences
 * @param width tokens per sequence, padded
 */
public record TokenBatch(long[] ids, long[] mask, long[] typeIds, int rows, int width) {
    /** Checks the sizes. */
    public TokenBatch {
        long n = (long) rows * width;
        if (rows <= 0 || width <= 0 || ids.length != n || mask.length != n || typeIds.length != n) {
            throw new IllegalArgumentException("a batch of " + rows + " x " + width + " needs " + n + " ids, mask and type ids");
        }
    }

    /** @param row a row @return its number of real tokens (right padding: they come first) */
    public int length(int row) {
        int n = 0;
        for (int t = 0; t < width; t++) {
            n += mask[row * width + t] != 0 ? 1 : 0;
        }
        return n;
    }
}
