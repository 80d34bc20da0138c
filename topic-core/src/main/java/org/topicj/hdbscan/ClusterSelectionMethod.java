package org.topicj.hdbscan;

/** How flat clusters are chosen from the condensed tree, as hdbscan's {@code cluster_selection_method}. */
public enum ClusterSelectionMethod {
    /** Excess of mass: the most stable clusters (the default; fewer, larger clusters). */
    EOM,
    /** The leaves of the cluster tree: many small, homogeneous clusters. */
    LEAF
}
