package org.topicj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.topicj.cli.input.DocumentReader;
import org.topicj.cli.input.InputFormatException;
import org.topicj.topics.PartialLabels;
import org.topicj.topics.TopicModeler;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code fit} that steer the topics with what the user already knows: seed topics
 * (BERTopic's {@code seed_topic_list}), zero-shot topics ({@code zeroshot_topic_list},
 * {@code zeroshot_min_similarity}) and partial labels (a semi-supervised fit, BERTopic's {@code y}).
 */
final class GuidanceOptions {
    @Option(names = "--seed-topics", paramLabel = "FILE",
            description = "Guided topics: one topic per line, its seed words separated by commas (BERTopic's seed_topic_list).")
    Path seedTopics;

    @Option(names = "--zero-shot", paramLabel = "FILE",
            description = "Zero-shot topics: one label per line (a phrase or comma-separated words); documents similar enough join it.")
    Path zeroShot;

    @Option(names = "--zero-shot-min-similarity", paramLabel = "S", defaultValue = "0.7",
            description = "Least cosine similarity of a document to a zero-shot label (default: ${DEFAULT-VALUE}).")
    double zeroShotMinSimilarity;

    @Option(names = "--labels-field", paramLabel = "NAME",
            description = "JSONL field or CSV column with known classes for some documents (empty, null or -1 = unknown): a semi-supervised fit.")
    String labelsField;

    /** @return the fields the input must have besides the text */
    List<String> fields() {
        return labelsField == null ? List.of() : List.of(labelsField);
    }

    /** @return the input files these options read, by option name */
    Map<String, Path> inputs() {
        Map<String, Path> in = new HashMap<>();
        in.put("--seed-topics", seedTopics);
        in.put("--zero-shot", zeroShot);
        return in;
    }

    /**
     * Checks the options against the rest of the command line before any work.
     *
     * @param cmd for usage errors
     * @param embedsItself whether the fit has an embedder (not {@code --embeddings} or {@code --labels})
     * @param manualLabels whether {@code --labels} gives every document's topic
     */
    void check(CommandLine cmd, boolean embedsItself, boolean manualLabels) {
        if ((seedTopics != null || zeroShot != null) && !embedsItself) {
            throw new CommandLine.ParameterException(cmd, (seedTopics != null ? "--seed-topics" : "--zero-shot")
                    + " needs the embedder, to embed the topics' words; give --embedder (or none for the default) instead of "
                    + (manualLabels ? "--labels" : "--embeddings"));
        }
        if (labelsField != null && manualLabels) {
            throw new CommandLine.ParameterException(cmd, "--labels-field (some documents' classes) and --labels (every document's topic) "
                    + "exclude each other");
        }
    }

    /** Adds the seed and zero-shot topics to the fit. */
    void configure(TopicModeler.Builder b) {
        if (seedTopics != null) {
            List<List<String>> topics = new ArrayList<>();
            for (String line : lines(seedTopics, "--seed-topics")) {
                topics.add(Arrays.stream(line.split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList());
            }
            b.seedTopics(topics);
        }
        if (zeroShot != null) {
            b.zeroShotTopics(lines(zeroShot, "--zero-shot"), zeroShotMinSimilarity);
        }
    }

    /** @return the file's lines, stripped; a blank line is an error naming it */
    private static List<String> lines(Path file, String option) {
        List<String> lines = new DocumentReader(null, null).read(file, "txt", List.of()).texts();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.isEmpty()) {
                throw new InputFormatException(file, i + 1, "an empty line; " + option + " wants one topic per line");
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw new InputFormatException(file, 0, "no topics; " + option + " wants one topic per line");
        }
        return out;
    }

    /**
     * @param read the input's documents and fields
     * @return the known classes as numbers in order of first appearance (-1 unknown), or null without {@code --labels-field}
     */
    PartialLabels partialLabels(DocumentReader.Documents read, Path input) {
        if (labelsField == null) {
            return null;
        }
        List<String> values = read.field(labelsField);
        Map<String, Integer> ids = new HashMap<>();
        int[] labels = new int[values.size()];
        for (int i = 0; i < labels.length; i++) {
            String v = values.get(i) == null ? "" : values.get(i).strip();
            labels[i] = v.isEmpty() || v.equals("-1") ? -1 : ids.computeIfAbsent(v, k -> ids.size());
        }
        if (ids.isEmpty()) {
            throw new InputFormatException(input, 0, "--labels-field " + labelsField + ": no document has a known class; "
                    + "give some documents one (empty, null or -1 mean unknown)");
        }
        return PartialLabels.of(labels);
    }
}
