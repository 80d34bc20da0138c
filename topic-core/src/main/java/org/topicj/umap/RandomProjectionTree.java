package org.topicj.umap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random-projection tree (Dasgupta and Freund 2008) over dense prepared rows: each node splits
 * its points by the hyperplane halfway between two random members (through the origin for the
 * angular metrics, whose rows are unit vectors). Its leaves seed NN-descent with good candidates.
 */
final class RandomProjectionTree {
    private RandomProjectionTree() {
    }

    static List<int[]> leaves(PointSet points, int leafSize, SplittableRandom rnd) {
        PointSet.Dense dense = (PointSet.Dense) points;
        boolean angular = points.metric != UmapMetric.EUCLIDEAN;
        int n = points.n;
        int dim = dense.dim;
        float[] data = dense.data;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        List<int[]> out = new ArrayList<>();
        ArrayDeque<int[]> stack = new ArrayDeque<>();
        stack.push(all);
        float[] normal = new float[dim];
        while (!stack.isEmpty()) {
            int[] node = stack.pop();
            if (node.length <= leafSize) {
                out.add(node);
                continue;
            }
            int a = node[rnd.nextInt(node.length)];
            int b = node[rnd.nextInt(node.length - 1)];
            if (b == a) {
                b = node[node.length - 1];
            }
            double offset = 0;
            for (int j = 0; j < dim; j++) {
                float va = data[a * dim + j];
                float vb = data[b * dim + j];
                normal[j] = va - vb;
                if (!angular) {
                    offset -= normal[j] * (va + vb) / 2.0;
                }
            }
            double[] margin = margins(data, dim, node, normal, offset);
            boolean[] side = new boolean[node.length];
            int left = 0;
            for (int i = 0; i < node.length; i++) {
                side[i] = Math.abs(margin[i]) < 1e-8 ? rnd.nextBoolean() : margin[i] > 0;
                left += side[i] ? 1 : 0;
            }
            if (left == 0 || left == node.length) {
                // Degenerate split (duplicates): halve at random so the tree still terminates.
                left = 0;
                for (int i = 0; i < node.length; i++) {
                    side[i] = rnd.nextBoolean();
                    left += side[i] ? 1 : 0;
                }
                if (left == 0 || left == node.length) {
                    out.add(node);
                    continue;
                }
            }
            int[] l = new int[left];
            int[] r = new int[node.length - left];
            int li = 0;
            int ri = 0;
            for (int i = 0; i < node.length; i++) {
                if (side[i]) {
                    l[li++] = node[i];
                } else {
                    r[ri++] = node[i];
                }
            }
            stack.push(r);
            stack.push(l);
        }
        return out;
    }

    /**
     * Each point's signed distance from the hyperplane (up to scale), four points per pass over the normal so the
     * sums overlap; each still adds in dimension order, as one point at a time would.
     */
    private static double[] margins(float[] data, int dim, int[] node, float[] normal, double offset) {
        double[] out = new double[node.length];
        int i = 0;
        for (; i + 4 <= node.length; i += 4) {
            int p0 = node[i] * dim;
            int p1 = node[i + 1] * dim;
            int p2 = node[i + 2] * dim;
            int p3 = node[i + 3] * dim;
            double m0 = offset;
            double m1 = offset;
            double m2 = offset;
            double m3 = offset;
            for (int j = 0; j < dim; j++) {
                float v = normal[j];
                m0 += v * data[p0 + j];
                m1 += v * data[p1 + j];
                m2 += v * data[p2 + j];
                m3 += v * data[p3 + j];
            }
            out[i] = m0;
            out[i + 1] = m1;
            out[i + 2] = m2;
            out[i + 3] = m3;
        }
        for (; i < node.length; i++) {
            int p = node[i] * dim;
            double m = offset;
            for (int j = 0; j < dim; j++) {
                m += normal[j] * data[p + j];
            }
            out[i] = m;
        }
        return out;
    }
}
