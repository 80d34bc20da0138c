package org.topicj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code topicj fit}: finds topics and writes {@code DIR/topics.json}, {@code DIR/documents.jsonl}
 * and the saved model under {@code DIR/model/}. Everything is computed before anything is
 * written, so a failure leaves no partial output.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, description = "Find the topics of documents; writes topics.json, "
        + "documents.jsonl, model/ and report.html under --output.")
final class FitCommand implements Callable<Integer> {

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @ArgGroup(exclusive = true)
    EmbeddingSource source;

    static final class EmbeddingSource {
        @Option(names = "--embedder", paramLabel = "KEY", description = "Embedding backend key (default: all-MiniLM-L6-v2).")
        String embedder;

        @Option(names = "--embeddings", paramLabel = "E.npy", description = "Precomputed embeddings, one row per document.")
        Path embeddings;
    }

    @Option(names = "--min-topic-size", paramLabel = "N", defaultValue = "10", description = "Smallest topic (default: ${DEFAULT-VALUE}).")
    int minTopicSize;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed; the same seed gives the same topics.")
    Long seed;

    @Option(names = "--labels", paramLabel = "LABELS.npy",
            description = "Manual topics: an int32 label per document (-1 = outlier); skips UMAP and HDBSCAN.")
    Path labels;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the results.")
    Path output;

    @Override
    public Integer call() {
        List<String> docs = input.readDocuments();
        long start = System.nanoTime();
        TopicModeler.Builder b = TopicModeler.builder().minTopicSize(minTopicSize);
        if (seed != null) {
            b.seed(seed);
        }
        TopicModel model;
        try (ProgressBar bar = ProgressBar.create(spec.commandLine().getErr(), root.quiet)) {
            b.progress(bar);
            if (labels != null) {
                model = b.build().fit(docs, Npy.readInts(labels));
            } else if (source != null && source.embeddings != null) {
                DenseMatrix e = Npy.readMatrix(source.embeddings);
                if (e.rows() != docs.size()) {
                    throw new IllegalArgumentException(source.embeddings + " has " + e.rows() + " rows but " + input.input
                            + " has " + docs.size() + " documents; give one embedding per document, in order");
                }
                model = b.build().fit(docs, e);
            } else {
                if (source != null && source.embedder != null) {
                    b.embedderKey(source.embedder);
                }
                model = b.build().fit(docs);
            }
        }
        ResultFiles.writeFitOutputs(output, model, "Topics of " + input.input.getFileName(), docs);
        if (!root.quiet) {
            PrintWriter err = spec.commandLine().getErr();
            long outliers = model.documentInfo().stream().filter(a -> a.topic() < 0).count();
            err.printf("%d documents: %d topics, %d outliers, in %.1f s: %s%n", docs.size(), model.topicCount(), outliers,
                    (System.nanoTime() - start) / 1e9, output);
            model.topics().stream().filter(t -> t.id() >= 0).limit(5)
                    .forEach(t -> err.printf("  %s (%d)%n", t.name(), t.count()));
        }
        return ExitCodes.OK;
    }

}
