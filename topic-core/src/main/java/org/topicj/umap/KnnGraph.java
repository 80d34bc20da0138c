package org.topicj.umap;

/**
 * The k nearest neighbours of every point, nearest first; as in umap-learn, column 0 is the point
 * itself at distance 0.
 *
 * @param n points
 * @param k neighbours per point, self included
 * @param indices {@code n * k} neighbour indices, row-major
 * @param distances {@code n * k} distances, row-major, ascending within a row
 */
record KnnGraph(int n, int k, int[] indices, float[] distances) {
}
