/** Nearest-neighbour search shared by HDBSCAN and UMAP: {@link org.topicj.neighbors.KdTree}. */
package org.topicj.neighbors;
