package org.topicj.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.topicj.TopicJException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code topicj fit}: the contract is fixed here; the topic pipeline arrives with its own issue.
 * Writes {@code DIR/topics.json}, {@code DIR/documents.jsonl}, {@code DIR/model/} and
 * {@code DIR/report.html} once the pipeline exists.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, description = "Find the topics of documents; writes topics.json, documents.jsonl, model/ "
        + "and report.html under --output.")
final class FitCommand implements Callable<Integer> {

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

    @Option(names = "--labels", paramLabel = "LABELS.npy", description = "Manual topics: int32 label per document (-1 = outlier).")
    Path labels;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the results.")
    Path output;

    @Override
    public Integer call() {
        throw new TopicJException("topicj fit is not available yet: the topic pipeline (UMAP, HDBSCAN, c-TF-IDF) "
                + "has not landed in this build; 'topicj embed' and 'topicj backends' work. Nothing was written.");
    }
}
