package org.topicj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.topicj.io.AtomicFiles;
import org.topicj.io.ModelFolder;
import org.topicj.topics.Assignment;
import org.topicj.topics.Topic;
import org.topicj.topics.TopicModel;

/** The files {@code fit} and {@code transform} write, in the command line's fixed formats. */
final class ResultFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultFiles() {
    }

    /** {@code topics.json}: [{"topic", "count", "name", "words": [[word, score], ...], "representative_docs"}]. */
    static void writeTopics(Path file, List<Topic> topics) {
        ArrayNode array = JSON.createArrayNode();
        for (Topic t : topics) {
            ObjectNode o = array.addObject();
            o.put("topic", t.id()).put("count", t.count()).put("name", t.name());
            ArrayNode words = o.putArray("words");
            t.words().forEach(w -> words.addArray().add(w.word()).add(w.score()));
            ArrayNode docs = o.putArray("representative_docs");
            t.representativeDocs().forEach(docs::add);
        }
        AtomicFiles.write(file, out -> out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(array)));
    }

    /** One line per document, in order: {"index": i, "topic": t, "probability": p}. */
    static void writeAssignments(Path file, List<Assignment> assignments) {
        AtomicFiles.write(file, out -> {
            for (int i = 0; i < assignments.size(); i++) {
                ObjectNode o = JSON.createObjectNode();
                o.put("index", i).put("topic", assignments.get(i).topic()).put("probability", assignments.get(i).probability());
                writeLine(out, JSON.writeValueAsString(o));
            }
        });
    }

    private static void writeLine(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    /**
     * Writes everything {@code fit} (or {@code demo}) produces into {@code dir} as one: topics.json,
     * documents.jsonl, model/ and report.html are staged beside the folder and swapped in together
     * under its lock, so concurrent runs into one folder never mix and a failure replaces nothing.
     */
    static void writeFitOutputs(Path dir, TopicModel model, String reportTitle, List<String> docs) {
        ModelFolder.replaceEntries(dir, staging -> {
            writeTopics(staging.resolve("topics.json"), model.topics());
            writeAssignments(staging.resolve("documents.jsonl"), model.documentInfo());
            model.save(staging.resolve("model"));
            org.topicj.cli.report.ReportWriter.write(staging.resolve("report.html"), reportTitle, model, docs);
        });
    }
}
