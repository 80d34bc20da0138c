/**
 * HDBSCAN clustering with prediction data, soft membership and GLOSH outlier scores, as the hdbscan library computes them.
 */
package org.topicj.hdbscan;
