package org.topicj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.topicj.cli.input.DocumentReader;
import org.topicj.cli.input.InputFormatException;
import org.topicj.progress.ProgressListener;
import org.topicj.topics.Timestamps;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;
import org.topicj.topics.TopicsOverTime;
import org.topicj.topics.TopicsPerClass;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code fit} that work on the fitted topics: how many topics to keep
 * ({@code --nr-topics}, BERTopic's {@code nr_topics}) and the topics over time and per class of
 * the same documents ({@code --timestamp-field}, {@code --class-field}), written beside the other
 * results.
 */
final class FitAnalysisOptions {
    /**
     * The optional files of {@code fit}'s output folder: the two these options add, and the tree
     * {@code topicj hierarchy} writes there; a new fit removes those it does not write, so that none
     * describes an earlier model.
     */
    static final List<String> OUTPUTS = List.of("topics_over_time.jsonl", "topics_per_class.jsonl", "hierarchy.json");

    @Option(names = "--nr-topics", paramLabel = "N|auto",
            description = "Merge similar topics until N remain (outliers counted, as BERTopic's nr_topics), or 'auto'.")
    String nrTopics;

    @Option(names = "--timestamp-field", paramLabel = "NAME",
            description = "JSONL field or CSV column with each document's time (a number or an ISO-8601 date); writes topics_over_time.jsonl.")
    String timestampField;

    @Option(names = "--timestamp-format", paramLabel = "PATTERN",
            description = "The timestamps' date pattern when they are not ISO-8601, e.g. dd/MM/yyyy.")
    String timestampFormat;

    @Option(names = "--nr-bins", paramLabel = "N", description = "Group the timestamps into N equal-width bins (BERTopic's nr_bins).")
    Integer nrBins;

    @Option(names = "--class-field", paramLabel = "NAME",
            description = "JSONL field or CSV column with each document's class; writes topics_per_class.jsonl.")
    String classField;

    /** The topics over time and per class of a fit, either absent. */
    record Analyses(List<TopicsOverTime.Row> overTime, List<TopicsPerClass.Row> perClass) {
    }

    /** @return the fields the input must have besides the text */
    List<String> fields() {
        List<String> f = new ArrayList<>();
        if (timestampField != null) {
            f.add(timestampField);
        }
        if (classField != null) {
            f.add(classField);
        }
        return f;
    }

    /** Checks the options against each other before any work. */
    void check(CommandLine cmd) {
        if (timestampField == null && (timestampFormat != null || nrBins != null)) {
            throw new CommandLine.ParameterException(cmd, "--timestamp-format and --nr-bins need --timestamp-field");
        }
        if (nrBins != null && nrBins < 1) {
            throw new CommandLine.ParameterException(cmd, "--nr-bins must be at least 1, got " + nrBins);
        }
        if (nrTopics != null && !nrTopics.equalsIgnoreCase("auto")) {
            count(cmd);
        }
    }

    /**
     * Parses every document's timestamp and class before the fit, so that a bad value fails fast.
     *
     * @param read the input's documents and fields
     * @param input the input's name for messages
     * @return the timestamps, or null without {@code --timestamp-field}
     */
    Timestamps timestamps(DocumentReader.Documents read, Path input) {
        if (timestampField == null) {
            return null;
        }
        List<String> values = values(read, timestampField, "--timestamp-field", input);
        try {
            return Timestamps.parse(values, timestampFormat);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(input, 0, "--timestamp-field " + timestampField + ": " + e.getMessage());
        }
    }

    /** @return each document's class, or null without {@code --class-field} */
    List<String> classes(DocumentReader.Documents read, Path input) {
        return classField == null ? null : values(read, classField, "--class-field", input);
    }

    private static List<String> values(DocumentReader.Documents read, String field, String option, Path input) {
        List<String> values = read.field(field);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InputFormatException(input, 0, option + " " + field + ": document " + i
                        + " has a null value; give every document one");
            }
        }
        return values;
    }

    /** Adds {@code --nr-topics} to the fit (BERTopic's nr_topics: topics are merged after clustering, before anything else). */
    void configure(CommandLine cmd, TopicModeler.Builder b) {
        if (nrTopics == null) {
            return;
        }
        if (nrTopics.equalsIgnoreCase("auto")) {
            b.nrTopicsAuto();
        } else {
            b.nrTopics(count(cmd));
        }
    }

    private int count(CommandLine cmd) {
        try {
            int n = Integer.parseInt(nrTopics.strip());
            if (n >= 2) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(cmd, "--nr-topics must be a whole number of at least 2 or 'auto', got '"
                + nrTopics + "'");
    }

    /**
     * @param model the final model
     * @param docs its training documents
     * @param timestamps from {@link #timestamps}, or null
     * @param classes from {@link #classes}, or null
     * @param fineTune whether each bin's and class's words go through the model's representation (off with LLM labels:
     *        a request per topic per bin)
     * @param progress for the work
     * @return what the options ask for
     */
    Analyses analyse(TopicModel model, List<String> docs, Timestamps timestamps, List<String> classes, boolean fineTune,
                     ProgressListener progress) {
        TopicsOverTime.Builder overTimeOptions = TopicsOverTime.builder().fineTune(fineTune).progress(progress);
        if (nrBins != null) {
            overTimeOptions.nrBins(nrBins);
        }
        List<TopicsOverTime.Row> overTime = timestamps == null ? null : overTimeOptions.build().compute(model, docs, timestamps);
        List<TopicsPerClass.Row> perClass = classes == null ? null : TopicsPerClass.builder().fineTune(fineTune).progress(progress).build()
                .compute(model, docs, classes);
        return new Analyses(overTime, perClass);
    }
}
