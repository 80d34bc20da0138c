package org.topicj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.topicj.eval.ClusteringMetrics;
import org.topicj.topics.Assignment;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code topicj demo}: topics of real text that needs nothing but Maven Central: a seeded sample of
 * WordNet 3.1's noun glosses, embedded with the default model; prints the largest topics and their
 * agreement (NMI) with WordNet's own categories, and writes the usual fit outputs and report.html.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Find topics in WordNet's noun glosses (offline) and write a report.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "5000", description = "Glosses to use (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Sampling and model seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-topic-size", paramLabel = "N", defaultValue = "15", description = "Smallest topic (default: ${DEFAULT-VALUE}).")
    int minTopicSize;

    @Option(names = "--embedder", paramLabel = "KEY", description = "Embedding backend key (default: all-MiniLM-L6-v2).")
    String embedder;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "topicj-demo", description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() {
        if (sample < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sample must be at least 1, got " + sample);
        }
        if (minTopicSize < 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--min-topic-size must be at least 2, got " + minTopicSize);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<WordNetGlosses.Gloss> all = new ArrayList<>(WordNetGlosses.read());
        Collections.shuffle(all, new Random(seed));
        List<WordNetGlosses.Gloss> chosen = all.subList(0, Math.min(sample, all.size()));
        List<String> docs = chosen.stream().map(WordNetGlosses.Gloss::text).toList();
        out.printf("WordNet 3.1 noun glosses: %d of %d, %d categories%n", docs.size(), all.size(),
                chosen.stream().map(WordNetGlosses.Gloss::label).distinct().count());
        long start = System.nanoTime();
        // Topic words without "the" and "of": glosses are short and full of them.
        TopicModeler.Builder b = TopicModeler.builder().minTopicSize(minTopicSize).seed(seed)
                .vectorizer(org.topicj.text.CountVectorizer.builder().stopWords(org.topicj.text.StopWords.english()).build());
        if (embedder != null) {
            b.embedderKey(embedder);
        }
        TopicModel model;
        try (ProgressBar bar = ProgressBar.create(spec.commandLine().getErr(), root.quiet)) {
            model = b.progress(bar).build().fit(docs);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] topics = model.documentInfo().stream().mapToInt(Assignment::topic).toArray();
        Map<String, Integer> ids = new HashMap<>();
        int[] labels = chosen.stream().mapToInt(g -> ids.computeIfAbsent(g.label(), k -> ids.size())).toArray();
        long outliers = java.util.Arrays.stream(topics).filter(t -> t < 0).count();
        out.printf("%d topics, %d outliers (%.1f%%), in %.1f s; NMI against WordNet's categories: %.3f%n", model.topicCount(),
                outliers, 100.0 * outliers / topics.length, seconds, ClusteringMetrics.normalizedMutualInformation(topics, labels));
        model.topics().stream().filter(t -> t.id() >= 0).limit(10).forEach(t -> out.printf("  %-50s %4d%n", t.name(), t.count()));
        try (TopicModel fitted = model) {
            ResultFiles.writeFitOutputs(output, fitted, "Topics of " + docs.size() + " WordNet noun glosses", docs, null,
                    new FitAnalysisOptions.Analyses(null, null));
        }
        out.printf("wrote %s (open report.html in a browser)%n", output);
        return ExitCodes.OK;
    }
}
