package org.topicj.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.topics.Topic;
import org.topicj.topics.TopicHierarchy;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicsOverTime;
import org.topicj.topics.TopicsPerClass;

/**
 * The report's data for the views people use BERTopic's {@code visualize_hierarchy},
 * {@code visualize_topics_over_time} and {@code visualize_topics_per_class} for: the topic tree (with
 * the document map's colours by a level of it), the largest topics' frequencies over time, and per
 * class. Each is left out, with the reason on the page, where it does not apply.
 */
final class ReportViews {
    /** Topics drawn in the over-time and per-class charts. */
    static final int SERIES = 10;
    /** Largest tree drawn (a dendrogram of more leaves cannot be read). */
    static final int MAX_TREE_TOPICS = 150;
    /** Most levels of the tree the map can be coloured by. */
    static final int MAX_LEVELS = 12;

    private static final Logger LOG = LoggerFactory.getLogger(ReportViews.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportViews() {
    }

    /** @return the tree and its levels, or an object with only a "note" saying why there is none */
    static ObjectNode hierarchy(TopicModel model, List<String> documents) {
        ObjectNode out = JSON.createObjectNode();
        int k = model.topicCount();
        if (k < 2) {
            return out.put("note", "No topic tree: it needs at least two topics.");
        }
        if (k > MAX_TREE_TOPICS) {
            return out.put("note", "No topic tree: " + k + " topics are more than a dendrogram can show (" + MAX_TREE_TOPICS + ").");
        }
        TopicHierarchy.Tree tree;
        try {
            // Nodes named by their c-TF-IDF words: a report never pays a labelling model for every merge.
            tree = TopicHierarchy.builder().fineTune(false).build().compute(model, documents);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.debug("no topic tree in the report", e);
            return out.put("note", "No topic tree: " + e.getMessage());
        }
        Map<Integer, TopicHierarchy.Merge> byId = new HashMap<>();
        tree.merges().forEach(m -> byId.put(m.parentId(), m));
        Map<Integer, String> names = new HashMap<>();
        model.topics().forEach(t -> names.put(t.id(), t.name()));
        out.put("note", "Ward linkage of the topics' c-TF-IDF (BERTopic's hierarchical_topics); hover a node for its words.");
        out.set("tree", node(tree.merges().get(0).parentId(), byId, names));
        out.set("levels", levels(tree, byId, k));
        return out;
    }

    /** The tree as ECharts' nested {name, value, children}; iterative, so deep trees do not exhaust the stack. */
    private static ObjectNode node(int rootId, Map<Integer, TopicHierarchy.Merge> byId, Map<Integer, String> names) {
        ObjectNode root = JSON.createObjectNode();
        Deque<Map.Entry<Integer, ObjectNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry(rootId, root));
        while (!todo.isEmpty()) {
            Map.Entry<Integer, ObjectNode> e = todo.pop();
            TopicHierarchy.Merge m = byId.get(e.getKey());
            ObjectNode n = e.getValue();
            if (m == null) {
                n.put("name", names.getOrDefault(e.getKey(), String.valueOf(e.getKey()))).put("topic", e.getKey());
                continue;
            }
            n.put("name", m.parentName()).put("value", Math.round(m.distance() * 1e4) / 1e4);
            ArrayNode children = n.putArray("children");
            todo.push(Map.entry(m.rightId(), children.addObject()));
            todo.push(Map.entry(m.leftId(), children.addObject()));
        }
        return root;
    }

    /**
     * Cuts of the tree into 2, 3, ... groups: undoing the highest merges first (the merges are root
     * first, by decreasing height), each topic's group at each level.
     */
    private static ArrayNode levels(TopicHierarchy.Tree tree, Map<Integer, TopicHierarchy.Merge> byId, int k) {
        ArrayNode levels = JSON.createArrayNode();
        int most = Math.min(MAX_LEVELS, k - 1);
        for (int groups = 2; groups <= most; groups++) {
            Set<Integer> split = new HashSet<>();
            for (int i = 0; i < groups - 1; i++) {
                split.add(tree.merges().get(i).parentId());
            }
            ObjectNode level = levels.addObject().put("groups", groups);
            ObjectNode topicGroup = level.putObject("topicGroup");
            ArrayNode groupNames = level.putArray("names");
            Deque<Integer> todo = new ArrayDeque<>();
            todo.push(tree.merges().get(0).parentId());
            while (!todo.isEmpty()) {
                int id = todo.pop();
                TopicHierarchy.Merge m = byId.get(id);
                if (m != null && split.contains(id)) {
                    todo.push(m.rightId());
                    todo.push(m.leftId());
                    continue;
                }
                int group = groupNames.size();
                List<Integer> topics = m == null ? List.of(id) : m.topics();
                groupNames.add(m == null ? String.valueOf(id) : m.parentName());
                topics.forEach(t -> topicGroup.put(String.valueOf(t), group));
            }
        }
        return levels;
    }

    /** @return the largest topics' document counts at each time, or null */
    static ObjectNode overTime(List<TopicsOverTime.Row> rows, TopicModel model) {
        if (rows == null) {
            return null;
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("instants", !rows.isEmpty() && rows.get(0).timestamp().isInstant());
        ArrayNode series = out.putArray("series");
        for (Map.Entry<Integer, List<TopicsOverTime.Row>> e : largest(rows, TopicsOverTime.Row::topic, model).entrySet()) {
            ObjectNode s = series.addObject().put("topic", e.getKey()).put("name", model.topic(e.getKey()).name());
            ArrayNode points = s.putArray("points");
            for (TopicsOverTime.Row r : e.getValue()) {
                ArrayNode p = points.addArray();
                if (r.timestamp().isInstant()) {
                    p.add(r.timestamp().instant().toEpochMilli());
                } else {
                    p.add(r.timestamp().number());
                }
                p.add(r.frequency()).add(r.words());
            }
        }
        return out;
    }

    /** @return the largest topics' document counts in each class, or null */
    static ObjectNode perClass(List<TopicsPerClass.Row> rows, TopicModel model) {
        if (rows == null) {
            return null;
        }
        ObjectNode out = JSON.createObjectNode();
        List<String> classes = new ArrayList<>();
        for (TopicsPerClass.Row r : rows) {
            if (!classes.contains(r.className())) {
                classes.add(r.className());
            }
        }
        ArrayNode c = out.putArray("classes");
        classes.forEach(c::add);
        ArrayNode series = out.putArray("series");
        for (Map.Entry<Integer, List<TopicsPerClass.Row>> e : largest(rows, TopicsPerClass.Row::topic, model).entrySet()) {
            ObjectNode s = series.addObject().put("topic", e.getKey()).put("name", model.topic(e.getKey()).name());
            int[] counts = new int[classes.size()];
            e.getValue().forEach(r -> counts[classes.indexOf(r.className())] = r.frequency());
            ArrayNode values = s.putArray("counts");
            for (int v : counts) {
                values.add(v);
            }
        }
        return out;
    }

    /** The rows of the {@value #SERIES} largest topics (outliers left out), by topic size. */
    private static <R> Map<Integer, List<R>> largest(List<R> rows, ToIntFunction<R> topic, TopicModel model) {
        List<Integer> ids = model.topics().stream().filter(t -> t.id() >= 0)
                .sorted(Comparator.comparingInt(Topic::count).reversed().thenComparingInt(Topic::id))
                .limit(SERIES).map(Topic::id).toList();
        Map<Integer, List<R>> out = new LinkedHashMap<>();
        ids.forEach(id -> out.put(id, new ArrayList<>()));
        for (R r : rows) {
            List<R> list = out.get(topic.applyAsInt(r));
            if (list != null) {
                list.add(r);
            }
        }
        return out;
    }
}
