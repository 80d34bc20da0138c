package org.topicj.umap;

/**
 * A fixed partition of a layout's edges (sorted by head) into blocks with disjoint heads: block b
 * owns the points {@code [firstPoint[b], firstPoint[b + 1])} and the edges whose head it owns,
 * {@code [firstEdge[b], firstEdge[b + 1])}. The partition depends only on the edges, never on the
 * thread count, which is what lets the parallel layout give the same result on any number of threads.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class EdgeBlocks {
    /** Edges per block, about: enough blocks to balance 8+ threads at 20k points, few enough to stay cheap. */
    static final int EDGES_PER_BLOCK = 2048;

    final int[] firstPoint;
    final int[] firstEdge;

    private EdgeBlocks(int[] firstPoint, int[] firstEdge) {
        this.firstPoint = firstPoint;
        this.firstEdge = firstEdge;
    }

    /**
     * @param from head of each edge, ascending
     * @param points number of points
     */
    static EdgeBlocks of(int[] from, int points) {
        for (int e = 1; e < from.length; e++) {
            if (from[e] < from[e - 1]) {
                throw new IllegalArgumentException("layout edges must be sorted by head; edge " + e + " is not");
            }
        }
        int blocks = Math.max(1, Math.min(256, from.length / EDGES_PER_BLOCK));
        int[] firstPoint = new int[blocks + 1];
        int[] firstEdge = new int[blocks + 1];
        int e = 0;
        for (int b = 1; b < blocks; b++) {
            int target = (int) ((long) from.length * b / blocks);
            firstPoint[b] = Math.max(firstPoint[b - 1], from[target]);
            while (e < from.length && from[e] < firstPoint[b]) {
                e++;
            }
            firstEdge[b] = e;
        }
        firstPoint[blocks] = points;
        firstEdge[blocks] = from.length;
        return new EdgeBlocks(firstPoint, firstEdge);
    }

    int count() {
        return firstPoint.length - 1;
    }

    boolean owns(int block, int point) {
        return point >= firstPoint[block] && point < firstPoint[block + 1];
    }
}
