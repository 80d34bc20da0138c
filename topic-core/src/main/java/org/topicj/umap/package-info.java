/**
 * UMAP dimension reduction (exact or NN-descent neighbours, fuzzy simplicial set, spectral initialisation, seeded layout).
 */
package org.topicj.umap;
