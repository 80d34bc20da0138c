package org.topicj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.topicj.cli.report.ReportWriter;
import org.topicj.io.AtomicFiles;
import org.topicj.io.ModelFolder;
import org.topicj.topics.Assignment;
import org.topicj.topics.Topic;
import org.topicj.topics.TopicModel;

/** The files {@code fit} and {@code transform} write, in the command line's fixed formats. */
final class ResultFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What {@code fit} writes (or, for the analyses, may write) into its output folder, replaced together. */
    static final List<String> FIT_ENTRIES = List.of("topics.json", "documents.jsonl", "model", "report.html",
            "topics_over_time.jsonl", "topics_per_class.jsonl", "hierarchy.json");

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

    /**
     * One line per document, in order: {"index": i, "topic": t, "name": n, "probability": p}, and "id" when given.
     *
     * @param out where to write
     * @param assignments the topics
     * @param names each document's topic name
     * @param ids each document's id, or null
     * @throws IOException if writing fails
     */
    static void writeAssignments(OutputStream out, List<Assignment> assignments, List<String> names, List<String> ids)
            throws IOException {
        for (int i = 0; i < assignments.size(); i++) {
            ObjectNode o = JSON.createObjectNode();
            o.put("index", i);
            if (ids != null) {
                o.put("id", ids.get(i));
            }
            o.put("topic", assignments.get(i).topic()).put("name", names.get(i)).put("probability", assignments.get(i).probability());
            out.write(JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
    }

    /** @return each assignment's topic name ("-1_outliers" for an outlier the model has no outlier topic for) */
    static List<String> names(TopicModel model, List<Assignment> assignments) {
        List<String> names = new ArrayList<>(assignments.size());
        java.util.Set<Integer> ids = model.topicSizes().keySet();
        for (Assignment a : assignments) {
            names.add(ids.contains(a.topic()) ? model.topic(a.topic()).name() : a.topic() + "_outliers");
        }
        return names;
    }

    /**
     * Writes everything {@code fit} (or {@code demo}) produces into {@code dir} as one: topics.json,
     * documents.jsonl, model/ and report.html, and the analyses that were asked for, are staged beside
     * the folder and swapped in together under its lock, so concurrent runs into one folder never mix
     * and a failure replaces nothing. An analysis file of an earlier run that this one did not ask for
     * is removed in the same step.
     */
    static void writeFitOutputs(Path dir, TopicModel model, String reportTitle, List<String> docs, List<String> ids,
                                FitAnalysisOptions.Analyses analyses) {
        ModelFolder.replaceEntries(dir, FitAnalysisOptions.OUTPUTS, staging -> {
            writeTopics(staging.resolve("topics.json"), model.topics());
            List<Assignment> assigned = model.documentInfo();
            AtomicFiles.write(staging.resolve("documents.jsonl"), out -> writeAssignments(out, assigned, names(model, assigned), ids));
            model.save(staging.resolve("model"));
            if (analyses.overTime() != null) {
                AtomicFiles.write(staging.resolve("topics_over_time.jsonl"), out -> AnalysisFiles.writeOverTime(out, analyses.overTime()));
            }
            if (analyses.perClass() != null) {
                AtomicFiles.write(staging.resolve("topics_per_class.jsonl"), out -> AnalysisFiles.writePerClass(out, analyses.perClass()));
            }
            ReportWriter.write(staging.resolve("report.html"), reportTitle, model, docs, analyses.overTime(), analyses.perClass());
        });
    }
}
