package org.topicj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.topicj.topics.Timestamps;
import org.topicj.topics.Topic;
import org.topicj.topics.TopicsOverTime;
import org.topicj.topics.TopicsPerClass;

/**
 * {@code topics_over_time.jsonl} and {@code topics_per_class.jsonl}: one JSON object per row of
 * BERTopic's {@code topics_over_time} / {@code topics_per_class} tables, in their order, with the
 * same columns in lower case ({@code topic}, {@code words}, {@code frequency}, then
 * {@code timestamp} or {@code class}), the row's scored words as {@code top_words} and, when a
 * labelling representation gave one, {@code label}.
 */
final class AnalysisFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisFiles() {
    }

    static void writeOverTime(OutputStream out, List<TopicsOverTime.Row> rows) throws IOException {
        for (TopicsOverTime.Row r : rows) {
            ObjectNode o = row(r.topic(), r.words(), r.frequency());
            Timestamps.Value t = r.timestamp();
            if (t.isInstant()) {
                o.put("timestamp", t.instant().toString());
            } else if (t.number() == Math.rint(t.number()) && Math.abs(t.number()) < 1e15) {
                o.put("timestamp", (long) t.number());
            } else {
                o.put("timestamp", t.number());
            }
            line(out, finish(o, r.topWords(), r.label()));
        }
    }

    static void writePerClass(OutputStream out, List<TopicsPerClass.Row> rows) throws IOException {
        for (TopicsPerClass.Row r : rows) {
            ObjectNode o = row(r.topic(), r.words(), r.frequency());
            o.put("class", r.className());
            line(out, finish(o, r.topWords(), r.label()));
        }
    }

    private static ObjectNode row(int topic, String words, int frequency) {
        ObjectNode o = JSON.createObjectNode();
        return o.put("topic", topic).put("words", words).put("frequency", frequency);
    }

    private static ObjectNode finish(ObjectNode o, List<Topic.Word> words, String label) {
        ArrayNode top = o.putArray("top_words");
        words.forEach(w -> top.addArray().add(w.word()).add(w.score()));
        if (label != null) {
            o.put("label", label);
        }
        return o;
    }

    private static void line(OutputStream out, ObjectNode o) throws IOException {
        out.write(JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
