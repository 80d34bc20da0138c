/**
 * Matrix types ({@link org.topicj.matrix.DenseMatrix}, {@link org.topicj.matrix.SparseMatrix}) and
 * NumPy {@code .npy} reading and writing ({@link org.topicj.matrix.Npy}).
 */
package org.topicj.matrix;
