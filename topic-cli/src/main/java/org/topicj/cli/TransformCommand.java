package org.topicj.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.topicj.TopicJException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code topicj transform}: assign documents to the topics of a fitted model; one JSON line per document. */
@Command(name = "transform", mixinStandardHelpOptions = true, description = "Assign documents to the topics of a model written by 'topicj fit'.")
final class TransformCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The --output folder of 'topicj fit'.")
    Path model;

    @Option(names = "--embeddings", paramLabel = "E.npy", description = "Precomputed embeddings of the documents.")
    Path embeddings;

    @Option(names = "--output", required = true, paramLabel = "OUT.jsonl",
            description = "One line per document: {\"index\":i,\"topic\":t,\"probability\":p}.")
    Path output;

    @Override
    public Integer call() {
        throw new TopicJException("topicj transform is not available yet: the topic pipeline has not landed in this "
                + "build; 'topicj embed' and 'topicj backends' work. Nothing was written.");
    }
}
