package org.topicj.topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** BERTopic's {@code get_topic_tree}, character for character. */
final class TreeText {
    private TreeText() {
    }

    static String render(TopicHierarchy.Tree tree, Double maxDistance, boolean tightLayout) {
        int width = tightLayout ? 1 : 4;
        List<TopicHierarchy.Merge> merges = tree.merges();
        double max = maxDistance != null ? maxDistance : merges.stream().mapToDouble(TopicHierarchy.Merge::distance).max().orElse(0) + 1;
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, int[]> children = new HashMap<>();
        Map<Integer, Double> mergedAt = new HashMap<>();
        for (TopicHierarchy.Merge m : merges) {
            names.put(m.leftId(), first100(m.leftName()));
            names.put(m.rightId(), first100(m.rightName()));
            children.put(m.parentId(), new int[] {m.leftId(), m.rightId()});
            mergedAt.putIfAbsent(m.leftId(), m.distance());
            mergedAt.putIfAbsent(m.rightId(), m.distance());
        }
        int root = merges.isEmpty() ? 0 : merges.get(0).parentId();
        StringBuilder out = new StringBuilder(".\n");
        walk(out, root, root, "", tree.topicCount() - 1, max, width, names, children, mergedAt);
        return out.toString();
    }

    private static void walk(StringBuilder out, int root, int node, String indent, int lastTopic, double maxDistance, int width,
                             Map<Integer, String> names, Map<Integer, int[]> children, Map<Integer, Double> mergedAt) {
        if (node != root) {
            if (node <= lastTopic) {
                double distance = mergedAt.getOrDefault(node, 10.0);
                out.append(distance < maxDistance ? "■──" + names.get(node) + " ── Topic: " + node + "\n" : "O \n");
            } else {
                out.append(names.get(node)).append('\n');
            }
        }
        int[] c = children.get(node);
        if (c == null) {
            return;
        }
        out.append(indent).append("├─");
        walk(out, root, c[0], indent + "│" + " ".repeat(width), lastTopic, maxDistance, width, names, children, mergedAt);
        out.append(indent).append("└─");
        walk(out, root, c[1], indent + " ".repeat(width + 1), lastTopic, maxDistance, width, names, children, mergedAt);
    }

    /** Python's {@code name[:100]}: the first 100 code points. */
    private static String first100(String s) {
        return s.codePointCount(0, s.length()) <= 100 ? s : s.substring(0, s.offsetByCodePoints(0, 100));
    }
}
