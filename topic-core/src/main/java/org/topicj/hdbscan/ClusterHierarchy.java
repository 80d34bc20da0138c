package org.topicj.hdbscan;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The cluster part of a condensed tree (rows whose child is a cluster), with the per-cluster
 * quantities selection, labelling and prediction need: parent, birth lambda, children, stability,
 * and the largest lambda at which anything leaves each cluster.
 */
final class ClusterHierarchy {
    final CondensedTree tree;
    final int root;
    final int limit;
    /** Parent of each cluster, -1 for the root and unused ids. */
    final int[] parentOf;
    /** Lambda at which each cluster was born (0 for the root). */
    final double[] birth;
    final double[] stability;
    /** Largest lambda of a row whose parent is the cluster (hdbscan's max_lambdas / "deaths"). */
    final double[] directMaxLambda;
    final List<List<Integer>> children;

    ClusterHierarchy(CondensedTree tree) {
        this.tree = tree;
        this.root = tree.root();
        this.limit = tree.clusterIdLimit();
        parentOf = new int[limit];
        Arrays.fill(parentOf, -1);
        birth = new double[limit];
        stability = new double[limit];
        directMaxLambda = new double[limit];
        children = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            children.add(new ArrayList<>(2));
        }
        for (int r = 0; r < tree.size(); r++) {
            int c = tree.child(r);
            if (c >= root) {
                parentOf[c] = tree.parent(r);
                birth[c] = tree.lambda(r);
                children.get(tree.parent(r)).add(c);
            }
            directMaxLambda[tree.parent(r)] = Math.max(directMaxLambda[tree.parent(r)], tree.lambda(r));
        }
        for (int r = 0; r < tree.size(); r++) {
            int p = tree.parent(r);
            stability[p] += (tree.lambda(r) - birth[p]) * tree.childSize(r);
        }
    }

    boolean hasClusters() {
        return limit > root + 1;
    }

    /** @return the cluster and everything below it, breadth first */
    List<Integer> subtree(int cluster) {
        List<Integer> out = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(cluster);
        while (!queue.isEmpty()) {
            int c = queue.poll();
            out.add(c);
            queue.addAll(children.get(c));
        }
        return out;
    }

    /** @return the leaves of the cluster tree under {@code cluster}, depth first */
    List<Integer> leavesUnder(int cluster) {
        List<Integer> out = new ArrayList<>();
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(cluster);
        while (!stack.isEmpty()) {
            int c = stack.pop();
            List<Integer> kids = children.get(c);
            if (kids.isEmpty()) {
                out.add(c);
            } else {
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.push(kids.get(i));
                }
            }
        }
        return out;
    }

    /** Selects flat clusters; returns a flag per cluster id. */
    boolean[] select(ClusterSelectionMethod method, double epsilon, boolean allowSingleCluster) {
        boolean[] selected = new boolean[limit];
        if (method == ClusterSelectionMethod.LEAF) {
            List<Integer> leaves = new ArrayList<>();
            for (int c = root + 1; c < limit; c++) {
                if (parentOf[c] >= 0 && children.get(c).isEmpty()) {
                    leaves.add(c);
                }
            }
            if (leaves.isEmpty()) {
                selected[root] = true;
                return selected;
            }
            for (int c : epsilon > 0 ? epsilonSearch(leaves, epsilon, allowSingleCluster) : leaves) {
                selected[c] = true;
            }
            return selected;
        }
        double[] stab = stability.clone();
        int lowest = allowSingleCluster ? root : root + 1;
        Arrays.fill(selected, lowest, limit, true);
        for (int c = limit - 1; c >= lowest; c--) {
            double childStability = 0;
            for (int k : children.get(c)) {
                childStability += stab[k];
            }
            if (childStability > stab[c]) {
                selected[c] = false;
                stab[c] = childStability;
            } else {
                for (int d : subtree(c)) {
                    if (d != c) {
                        selected[d] = false;
                    }
                }
            }
        }
        if (epsilon > 0 && hasClusters()) {
            List<Integer> eom = new ArrayList<>();
            for (int c = root; c < limit; c++) {
                if (selected[c]) {
                    eom.add(c);
                }
            }
            if (!(allowSingleCluster && eom.size() == 1 && eom.get(0) == root)) {
                Arrays.fill(selected, false);
                for (int c : epsilonSearch(eom, epsilon, allowSingleCluster)) {
                    selected[c] = true;
                }
            }
        }
        return selected;
    }

    /** Merges clusters born below distance {@code epsilon} into their first ancestor born above it. */
    private List<Integer> epsilonSearch(List<Integer> leaves, double epsilon, boolean allowSingleCluster) {
        List<Integer> chosen = new ArrayList<>();
        boolean[] processed = new boolean[limit];
        for (int leaf : leaves) {
            double eps = leaf == root ? Double.POSITIVE_INFINITY : 1 / birth[leaf];
            if (eps < epsilon) {
                if (!processed[leaf]) {
                    int up = traverseUpwards(leaf, epsilon, allowSingleCluster);
                    if (!chosen.contains(up)) {
                        chosen.add(up);
                    }
                    for (int d : subtree(up)) {
                        if (d != up) {
                            processed[d] = true;
                        }
                    }
                }
            } else if (!chosen.contains(leaf)) {
                chosen.add(leaf);
            }
        }
        return chosen;
    }

    private int traverseUpwards(int leaf, double epsilon, boolean allowSingleCluster) {
        int parent = parentOf[leaf];
        while (true) {
            if (parent == root) {
                return allowSingleCluster ? parent : leaf;
            }
            if (1 / birth[parent] > epsilon) {
                return parent;
            }
            leaf = parent;
            parent = parentOf[parent];
        }
    }
}
