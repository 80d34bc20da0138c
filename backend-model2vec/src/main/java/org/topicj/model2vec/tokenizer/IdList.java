package org.topicj.model2vec.tokenizer;

import java.util.Arrays;

/**
 * A growable list of token ids, to avoid boxing on the hot path.
 *
 * <p>Thread-safety: not thread-safe; one per encode call.
 */
final class IdList {
    private int[] ids = new int[32];
    private int size;

    void add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(ids, size);
    }
}
