package org.topicj.hdbscan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.topicj.TopicJException;
import org.topicj.io.CorruptModelException;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.neighbors.KdTree;

/**
 * A fitted HDBSCAN clustering: labels, probabilities, outlier scores and the condensed tree, plus
 * the prediction data that places new points into the existing clusters
 * ({@link #approximatePredict}) and gives soft memberships ({@link #allPointsMembershipVectors},
 * {@link #membershipVectors}), computed as the hdbscan library documents them.
 *
 * <p>Thread-safety: immutable; all methods are safe to call concurrently.
 */
public final class HdbscanModel {
    private final Hdbscan options;
    private final KdTree tree;
    private final CondensedTree condensed;
    private final ClusterHierarchy hierarchy;
    private final double[] predictionCore;
    private final int[] selectedClusters;
    /** Cluster id to label, for selected clusters and every cluster below one; -1 elsewhere. */
    private final int[] labelOfCluster;
    /** hdbscan's prediction max_lambdas: a selected cluster's direct max lambda, shared by its subclusters. */
    private final double[] predictionMaxLambda;
    private final int[] labels;
    private final double[] probabilities;
    private final double[] outlierScores;
    private final int[][] exemplars;
    /** The condensed-tree row of each point; built once, so concurrent predictions share it safely. */
    private final int[] pointRow;

    private HdbscanModel(Hdbscan options, KdTree tree, CondensedTree condensed, double[] predictionCore, int[] selection) {
        this.options = options;
        this.tree = tree;
        this.condensed = condensed;
        this.hierarchy = new ClusterHierarchy(condensed);
        this.predictionCore = predictionCore;
        if (selection == null) {
            boolean[] selected = hierarchy.select(options.selection(), options.epsilon(), options.allowSingleCluster());
            this.selectedClusters = IntStream.range(0, selected.length).filter(c -> selected[c]).toArray();
        } else {
            this.selectedClusters = selection.clone();
        }
        this.labelOfCluster = new int[hierarchy.limit];
        this.predictionMaxLambda = new double[hierarchy.limit];
        Arrays.fill(labelOfCluster, -1);
        for (int label = 0; label < selectedClusters.length; label++) {
            int c = selectedClusters[label];
            for (int d : hierarchy.subtree(c)) {
                labelOfCluster[d] = label;
                predictionMaxLambda[d] = hierarchy.directMaxLambda[c];
            }
        }
        this.labels = new int[tree.size()];
        this.probabilities = new double[tree.size()];
        this.outlierScores = new double[tree.size()];
        labelPoints();
        this.exemplars = findExemplars();
        this.pointRow = new int[tree.size()];
        for (int r = 0; r < condensed.size(); r++) {
            if (condensed.child(r) < condensed.root()) {
                pointRow[condensed.child(r)] = r;
            }
        }
    }

    static HdbscanModel build(Hdbscan options, KdTree tree, CondensedTree condensed, double[] predictionCore) {
        return new HdbscanModel(options, tree, condensed, predictionCore, null);
    }

    private void labelPoints() {
        int root = condensed.root();
        boolean singleRoot = selectedClusters.length == 1 && selectedClusters[0] == root;
        // GLOSH as hdbscan 0.8 computes it: relative to the largest lambda among the rows of the point's own
        // cluster. (Its attempt to propagate maxima up the tree stops at the first point row, so in practice
        // it never propagates; matching it keeps scores comparable with BERTopic users' numbers.)
        double[] deaths = hierarchy.directMaxLambda;
        Arrays.fill(labels, -1);
        for (int r = 0; r < condensed.size(); r++) {
            int point = condensed.child(r);
            if (point >= root) {
                continue;
            }
            int parent = condensed.parent(r);
            double lambda = condensed.lambda(r);
            int label = labelOfCluster[parent];
            if (parent == root && label >= 0) {
                // Only a single-cluster root labels points that fall straight out of it, and only those
                // that stay until its densest point leaves (or beyond 1 / epsilon).
                double threshold = options.epsilon() > 0 ? 1 / options.epsilon() : hierarchy.directMaxLambda[root];
                label = singleRoot && lambda >= threshold ? label : -1;
            }
            labels[point] = label;
            if (label >= 0) {
                double max = hierarchy.directMaxLambda[selectedClusters[label]];
                probabilities[point] = max == 0 ? 1.0 : Math.min(lambda, max) / max;
            }
            double death = deaths[parent];
            outlierScores[point] = death == 0 ? 0.0 : (death - lambda) / death;
        }
    }

    /** Exemplars of each selected cluster: the points that stay longest in each of its leaf clusters. */
    private int[][] findExemplars() {
        int root = condensed.root();
        double[] leafMax = hierarchy.directMaxLambda;
        List<List<Integer>> pointsOf = new ArrayList<>();
        for (int i = 0; i < hierarchy.limit; i++) {
            pointsOf.add(null);
        }
        for (int r = 0; r < condensed.size(); r++) {
            int c = condensed.parent(r);
            if (condensed.child(r) < root && condensed.lambda(r) == leafMax[c]) {
                if (pointsOf.get(c) == null) {
                    pointsOf.set(c, new ArrayList<>());
                }
                pointsOf.get(c).add(condensed.child(r));
            }
        }
        int[][] out = new int[selectedClusters.length][];
        for (int label = 0; label < selectedClusters.length; label++) {
            List<Integer> ex = new ArrayList<>();
            for (int leaf : hierarchy.leavesUnder(selectedClusters[label])) {
                if (pointsOf.get(leaf) != null) {
                    ex.addAll(pointsOf.get(leaf));
                }
            }
            out[label] = ex.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** @return cluster label per point, 0..k-1, or -1 for noise; a copy */
    public int[] labels() {
        return labels.clone();
    }

    /** @return per point, how strongly it belongs to its cluster (0 for noise), in [0, 1]; a copy */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** @return GLOSH outlier score per point, in [0, 1], higher is more outlying; a copy */
    public double[] outlierScores() {
        return outlierScores.clone();
    }

    /** @return number of clusters (labels 0..k-1) */
    public int clusterCount() {
        return selectedClusters.length;
    }

    /** @return number of points labelled -1 */
    public int noiseCount() {
        return (int) Arrays.stream(labels).filter(l -> l < 0).count();
    }

    /** @return the condensed tree, for inspection */
    public CondensedTree condensedTree() {
        return condensed;
    }

    /** @return the condensed-tree cluster id of each label */
    public int[] selectedClusterIds() {
        return selectedClusters.clone();
    }

    /** Labels and probabilities of new points. @param labels per point @param probabilities per point */
    public record Prediction(int[] labels, double[] probabilities) {
    }

    /**
     * Places new points into the fitted clusters without refitting, as hdbscan's
     * {@code approximate_predict}: via the nearest training point in mutual reachability and the
     * density at which the new point would join the tree.
     *
     * @param points rows of the fitted dimension
     * @return label (-1 noise) and probability per point
     */
    public Prediction approximatePredict(DenseMatrix points) {
        double[] q = queryPoints(points);
        int m = points.rows();
        int[] out = new int[m];
        double[] prob = new double[m];
        if (selectedClusters.length == 0) {
            Arrays.fill(out, -1);
            return new Prediction(out, prob);
        }
        int d = tree.dimension();
        options.runWithThreads(() -> IntStream.range(0, m).parallel().forEach(i -> {
            Neighbour nb = nearestByReachability(q, i * d);
            int row = rowOfPoint(nb.point);
            int cluster = condensed.parent(row);
            if (condensed.lambda(row) > nb.lambda) {
                while (cluster > condensed.root() && hierarchy.birth[cluster] >= nb.lambda) {
                    cluster = hierarchy.parentOf[cluster];
                }
            }
            int label = labelOfCluster[cluster];
            out[i] = label;
            if (label >= 0) {
                double max = predictionMaxLambda[cluster];
                prob[i] = max > 0 ? Math.min(max, nb.lambda) / max : 1.0;
            }
        }));
        return new Prediction(out, prob);
    }

    private record Neighbour(int point, double lambda) {
    }

    /** hdbscan's _find_neighbor_and_lambda over the 2 * min_samples nearest training points. */
    private Neighbour nearestByReachability(double[] q, int off) {
        int minSamples = Math.max(1, Math.min(tree.size() - 1, options.minSamples()));
        int k = Math.min(tree.size(), 2 * minSamples);
        int[] idx = new int[k];
        double[] dist = new double[k];
        tree.query(q, off, k, idx, dist);
        HdbscanMetric metric = options.metric();
        double ownCore = metric.fromTree(dist[Math.min(k, minSamples) - 1]);
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double mr = Math.max(Math.max(predictionCore[idx[j]], ownCore), metric.fromTree(dist[j]));
            if (mr < bestDistance) {
                bestDistance = mr;
                best = idx[j];
            }
        }
        return new Neighbour(best, CondensedTree.lambdaOf(bestDistance));
    }

    private int rowOfPoint(int point) {
        return pointRow[point];
    }

    /**
     * Soft clustering of the training points, as hdbscan's {@code all_points_membership_vectors}:
     * row {@code i} holds the probability that point {@code i} belongs to each cluster; a row sums
     * to at most 1 (the remainder is the chance of being noise).
     *
     * @return an {@code n x clusterCount()} matrix (n x 0 when there are no clusters)
     */
    public DenseMatrix allPointsMembershipVectors() {
        int n = tree.size();
        int k = selectedClusters.length;
        if (k == 0) {
            return DenseMatrix.zeros(n, 0);
        }
        float[] out = new float[membershipEntries(n, k)];
        int[][] groups = pointRowsByParent();
        double gm = outlierScoreMax(groups);
        double[] q = trainingPoints();
        // Points that share a parent cluster share its merge heights to every selected cluster (all but the
        // ones that depend on the point's own lambda), so each parent's are found once, not once per point.
        options.runWithThreads(() -> IntStream.range(0, groups.length).parallel().forEach(pc -> {
            if (groups[pc].length == 0) {
                return;
            }
            double[] template = mergeHeights(pc, Double.NaN);
            double maxLambda = hierarchy.directMaxLambda[pc] + 1e-8;
            double[] heights = new double[k];
            double[] scores = new double[k];
            double[] v = new double[k];
            for (int r : groups[pc]) {
                int i = condensed.child(r);
                double lambda = condensed.lambda(r);
                int argmax = 0;
                for (int j = 0; j < k; j++) {
                    heights[j] = Double.isNaN(template[j]) ? lambda : template[j];
                    scores[j] = Math.exp(-(maxLambda / heights[j]));
                    if (heights[j] > heights[argmax]) {
                        argmax = j;
                    }
                }
                double inCluster = heights[argmax] / Math.max(hierarchy.directMaxLambda[selectedClusters[argmax]], lambda);
                double outlierSum = 0;
                for (int j = 0; j < k; j++) {
                    outlierSum += Math.exp(scores[j] - gm);
                }
                double[] dist = distanceMembership(q, i * tree.dimension());
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    v[j] = dist[j] * (Math.exp(scores[j] - gm) / outlierSum);
                    sum += v[j];
                }
                for (int j = 0; j < k; j++) {
                    out[i * k + j] = (float) (v[j] / sum * inCluster);
                }
            }
        }));
        return DenseMatrix.wrap(n, k, out);
    }

    /** n x k as one array's length, or why it cannot be one. */
    private static int membershipEntries(int n, int k) {
        long entries = (long) n * k;
        if (entries > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the soft membership of " + n + " points in " + k + " clusters has " + entries
                    + " entries, more than one array holds; fit without probabilities (calculate_probabilities), "
                    + "or with a larger min_cluster_size for fewer clusters");
        }
        return (int) entries;
    }

    /** The condensed-tree rows of the points, by parent cluster. */
    private int[][] pointRowsByParent() {
        int[] count = new int[hierarchy.limit];
        for (int r = 0; r < condensed.size(); r++) {
            if (condensed.child(r) < condensed.root()) {
                count[condensed.parent(r)]++;
            }
        }
        int[][] out = new int[hierarchy.limit][];
        for (int c = 0; c < out.length; c++) {
            out[c] = new int[count[c]];
            count[c] = 0;
        }
        for (int r = 0; r < condensed.size(); r++) {
            if (condensed.child(r) < condensed.root()) {
                int pc = condensed.parent(r);
                out[pc][count[pc]++] = r;
            }
        }
        return out;
    }

    /**
     * hdbscan's largest outlier-based score over all points and clusters, exp(-(max lambda / merge height)):
     * increasing in the height, so each point's largest is the one at its highest merge height.
     */
    private double outlierScoreMax(int[][] groups) {
        double max = Double.NEGATIVE_INFINITY;
        for (int pc = 0; pc < groups.length; pc++) {
            if (groups[pc].length == 0) {
                continue;
            }
            double[] template = mergeHeights(pc, Double.NaN);
            double fixed = Double.NEGATIVE_INFINITY;
            boolean ownLambda = false;
            for (double h : template) {
                if (Double.isNaN(h)) {
                    ownLambda = true;
                } else {
                    fixed = Math.max(fixed, h);
                }
            }
            double maxLambda = hierarchy.directMaxLambda[pc] + 1e-8;
            for (int r : groups[pc]) {
                double top = ownLambda ? Math.max(fixed, condensed.lambda(r)) : fixed;
                max = Math.max(max, Math.exp(-(maxLambda / top)));
            }
        }
        return max;
    }

    /**
     * Soft clustering of new points, as hdbscan's {@code membership_vector}.
     *
     * @param points rows of the fitted dimension
     * @return a {@code points.rows() x clusterCount()} matrix
     */
    public DenseMatrix membershipVectors(DenseMatrix points) {
        double[] q = queryPoints(points);
        int m = points.rows();
        int k = selectedClusters.length;
        float[] out = new float[membershipEntries(m, k)];
        if (k == 0) {
            return DenseMatrix.wrap(m, 0, out);
        }
        int d = tree.dimension();
        options.runWithThreads(() -> IntStream.range(0, m).parallel().forEach(i -> {
            Neighbour nb = nearestByReachability(q, i * d);
            int row = rowOfPoint(nb.point);
            double lambda = Math.min(nb.lambda, condensed.lambda(row));
            int pc = condensed.parent(row);
            double[] heights = mergeHeights(pc, lambda);
            double maxLambda = hierarchy.directMaxLambda[pc];
            double[] scores = new double[k];
            double top = Double.NEGATIVE_INFINITY;
            int argmax = 0;
            for (int j = 0; j < k; j++) {
                double denominator = maxLambda - heights[j];
                scores[j] = maxLambda / (denominator <= 0 ? 1e-8 : denominator);
                top = Math.max(top, scores[j]);
                if (heights[j] > heights[argmax]) {
                    argmax = j;
                }
            }
            double outlierSum = 0;
            for (int j = 0; j < k; j++) {
                scores[j] = Math.exp(scores[j] - top);
                outlierSum += scores[j];
            }
            double[] dist = distanceMembership(q, i * d);
            double[] v = new double[k];
            double sum = 0;
            for (int j = 0; j < k; j++) {
                v[j] = Math.sqrt(dist[j]) * Math.pow(scores[j] / outlierSum, 2);
                sum += v[j];
            }
            double inCluster = heights[argmax]
                    / (Math.max(lambda, hierarchy.directMaxLambda[selectedClusters[argmax]]) + 1e-8);
            for (int j = 0; j < k; j++) {
                out[i * k + j] = (float) (v[j] / sum * inCluster);
            }
        }));
        return DenseMatrix.wrap(m, k, out);
    }

    /** Lambda at which the point's cluster meets each selected cluster (hdbscan's merge_height). */
    private double[] mergeHeights(int pointCluster, double pointLambda) {
        double[] out = new double[selectedClusters.length];
        for (int j = 0; j < out.length; j++) {
            int left = pointCluster;
            int right = selectedClusters[j];
            boolean tookLeft = false;
            boolean tookRight = false;
            int last = left;
            while (left != right) {
                if (left > right) {
                    tookLeft = true;
                    last = left;
                    left = hierarchy.parentOf[left];
                } else {
                    tookRight = true;
                    last = right;
                    right = hierarchy.parentOf[right];
                }
            }
            out[j] = tookLeft && tookRight ? hierarchy.birth[last] : pointLambda;
        }
        return out;
    }

    /** hdbscan's dist_membership_vector: inverse distance to each cluster's nearest exemplar, normalised. */
    private double[] distanceMembership(double[] q, int off) {
        int k = exemplars.length;
        double[] v = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double min = Double.POSITIVE_INFINITY;
            for (int e : exemplars[j]) {
                min = Math.min(min, tree.reduced(e, q, off));
            }
            double distance = options.metric().fromTree(tree.toDistance(min));
            v[j] = distance != 0 ? 1 / distance : Double.MAX_VALUE / k;
            sum += v[j];
        }
        for (int j = 0; j < k; j++) {
            v[j] /= sum;
        }
        return v;
    }

    private double[] trainingPoints() {
        return tree.data();
    }

    private double[] queryPoints(DenseMatrix points) {
        if (points.cols() != tree.dimension()) {
            throw new IllegalArgumentException("points have " + points.cols() + " dimensions, the model was fitted on "
                    + tree.dimension());
        }
        if (!points.isFinite()) {
            throw new IllegalArgumentException("points to predict contain NaN or infinite values");
        }
        return options.toTreeSpace(points);
    }

    private static final String FORMAT = "topicj-hdbscan";

    /**
     * Saves the clustering and its prediction data into a folder: {@code hdbscan.json} and
     * {@code .npy} arrays (points, condensed tree, core distances).
     *
     * @param dir the folder, created if needed
     */
    public void save(Path dir) {
        ModelFiles.mkdirs(dir);
        ObjectNode j = ModelFiles.object();
        j.put("format", FORMAT).put("version", 1);
        j.put("minClusterSize", options.minClusterSize()).put("minSamples", options.minSamples());
        j.put("metric", options.metric().name()).put("selection", options.selection().name());
        j.put("epsilon", options.epsilon()).put("allowSingleCluster", options.allowSingleCluster());
        j.put("points", tree.size()).put("dimensions", tree.dimension());
        ArrayNode sel = j.putArray("selectedClusters");
        for (int c : selectedClusters) {
            sel.add(c);
        }
        double[] data = tree.data();
        float[] points = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            points[i] = (float) data[i];
        }
        Npy.write(dir.resolve("points.npy"), DenseMatrix.wrap(tree.size(), tree.dimension(), points));
        int rows = condensed.size();
        int[] parent = new int[rows];
        int[] child = new int[rows];
        int[] size = new int[rows];
        double[] lambda = new double[rows];
        for (int r = 0; r < rows; r++) {
            parent[r] = condensed.parent(r);
            child[r] = condensed.child(r);
            size[r] = condensed.childSize(r);
            lambda[r] = condensed.lambda(r);
        }
        Npy.writeInts(dir.resolve("tree_parent.npy"), parent);
        Npy.writeInts(dir.resolve("tree_child.npy"), child);
        Npy.writeInts(dir.resolve("tree_size.npy"), size);
        // float64: prediction compares these exactly, so they must come back bit for bit.
        Npy.writeDoubles(dir.resolve("tree_lambda.npy"), lambda);
        Npy.writeDoubles(dir.resolve("core_distances.npy"), predictionCore);
        ModelFiles.writeJson(dir.resolve("hdbscan.json"), j);
    }

    /**
     * Loads a model written by {@link #save}. Labels are recomputed from the saved tree and
     * selection, so they equal the saved model's.
     *
     * @param dir the folder
     * @return the model
     * @throws TopicJException if the folder is missing, foreign or corrupt
     */
    /**
     * The condensed tree as saved must be one: clusters number from {@code n} (the root) up, every
     * row's parent is a cluster, every child a point or a cluster, sizes positive, lambdas finite, and
     * every selected cluster a cluster of the tree.
     */
    private static void checkTree(Path dir, int n, int[] parent, int[] child, int[] size, double[] lambda, int[] selected) {
        int limit = n;
        for (int c : child) {
            limit = Math.max(limit, c);
        }
        java.util.BitSet clusters = new java.util.BitSet();
        clusters.set(n);
        for (int r = 0; r < parent.length; r++) {
            if (parent[r] < n || parent[r] > limit || child[r] < 0 || size[r] < 1 || !(lambda[r] >= 0)) {
                throw new CorruptModelException(dir.resolve("tree_parent.npy"), "condensed tree", "row " + r + " (parent "
                        + parent[r] + ", child " + child[r] + ", size " + size[r] + ", lambda " + lambda[r]
                        + ") does not fit a tree over " + n + " points");
            }
            if (child[r] >= n) {
                clusters.set(child[r]);
            }
        }
        for (int c : selected) {
            if (!clusters.get(c)) {
                throw new CorruptModelException(dir.resolve("hdbscan.json"), "selectedClusters", "cluster " + c
                        + " is not a cluster of the saved tree (clusters are " + n + " to " + limit + ")");
            }
        }
    }

    public static HdbscanModel load(Path dir) {
        Path file = dir.resolve("hdbscan.json");
        JsonNode j = ModelFiles.readJson(file, FORMAT, 1);
        Hdbscan options;
        try {
            options = Hdbscan.builder().minClusterSize(ModelFiles.require(j, "minClusterSize", file).asInt())
                    .minSamples(ModelFiles.require(j, "minSamples", file).asInt())
                    .metric(HdbscanMetric.valueOf(ModelFiles.require(j, "metric", file).asText()))
                    .clusterSelectionMethod(ClusterSelectionMethod.valueOf(ModelFiles.require(j, "selection", file).asText()))
                    .clusterSelectionEpsilon(j.path("epsilon").asDouble(0))
                    .allowSingleCluster(j.path("allowSingleCluster").asBoolean(false)).build();
        } catch (IllegalArgumentException e) {
            throw new CorruptModelException(file, "options", e.getMessage(), e);
        }
        DenseMatrix points = Npy.readMatrix(ModelFiles.requireFile(dir.resolve("points.npy")));
        double[] data = new double[points.rawData().length];
        for (int i = 0; i < data.length; i++) {
            data[i] = points.rawData()[i];
        }
        KdTree tree = new KdTree(data, points.rows(), points.cols(), options.metric().treeMetric(), 20);
        int[] parent = Npy.readInts(ModelFiles.requireFile(dir.resolve("tree_parent.npy")));
        int[] child = Npy.readInts(ModelFiles.requireFile(dir.resolve("tree_child.npy")));
        int[] size = Npy.readInts(ModelFiles.requireFile(dir.resolve("tree_size.npy")));
        double[] lambda = Npy.readDoubles(ModelFiles.requireFile(dir.resolve("tree_lambda.npy")));
        if (child.length != parent.length || size.length != parent.length || lambda.length != parent.length) {
            throw new CorruptModelException(dir.resolve("tree_child.npy"), "condensed tree", "the tree arrays differ in length");
        }
        double[] core = Npy.readDoubles(ModelFiles.requireFile(dir.resolve("core_distances.npy")));
        if (core.length != points.rows()) {
            throw new CorruptModelException(dir.resolve("core_distances.npy"), "core distances", core.length
                    + " core distances for " + points.rows() + " points");
        }
        JsonNode sel = ModelFiles.requireArray(j, "selectedClusters", file);
        int[] selected = new int[sel.size()];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = sel.get(i).asInt();
        }
        checkTree(dir, points.rows(), parent, child, size, lambda, selected);
        CondensedTree condensed = new CondensedTree(points.rows(), parent, child, lambda, size);
        return new HdbscanModel(options, tree, condensed, core, selected);
    }
}
