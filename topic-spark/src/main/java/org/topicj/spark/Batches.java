package org.topicj.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Streams a partition through a function in batches: pulls at most {@code size} rows, maps them,
 * hands out the results, then pulls the next batch. A partition larger than memory never has to fit.
 *
 * @param <I> input rows
 * @param <O> output rows
 */
final class Batches<I, O> implements Iterator<O> {
    private final Iterator<I> input;
    private final int size;
    private final Function<List<I>, List<O>> map;
    private Iterator<O> current = Collections.emptyIterator();

    Batches(Iterator<I> input, int size, Function<List<I>, List<O>> map) {
        this.input = input;
        this.size = size;
        this.map = map;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && input.hasNext()) {
            List<I> batch = new ArrayList<>(size);
            while (batch.size() < size && input.hasNext()) {
                batch.add(input.next());
            }
            current = map.apply(batch).iterator();
        }
        return current.hasNext();
    }

    @Override
    public O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
