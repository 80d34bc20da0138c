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
            boolean[] side = new boolean[node.length];
            int left = 0;
            for (int i = 0; i < node.length; i++) {
                int p = node[i];
                double margin = offset;
                for (int j = 0; j < dim; j++) {
                    margin += normal[j] * data[p * dim + j];
                }
                side[i] = Math.abs(margin) < 1e-8 ? rnd.nextBoolean() : margin > 0;
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
}
