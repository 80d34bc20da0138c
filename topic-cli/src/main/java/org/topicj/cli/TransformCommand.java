package org.topicj.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.topicj.TopicJException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.topics.Assignment;
import org.topicj.topics.TopicModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code topicj transform}: assign documents to the topics of a fitted model; one JSON line per document. */
@Command(name = "transform", mixinStandardHelpOptions = true, description = "Assign documents to the topics of a model written by 'topicj fit'.")
final class TransformCommand implements Callable<Integer> {

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The --output folder of 'topicj fit'.")
    Path model;

    @Option(names = "--embeddings", paramLabel = "E.npy", description = "Precomputed embeddings of the documents.")
    Path embeddings;

    @Option(names = "--output", required = true, paramLabel = "OUT.jsonl",
            description = "One line per document: {\\\"index\\\":i,\\\"topic\\\":t,\\\"probability\\\":p}.")
    Path output;

    @Override
    public Integer call() {
        Path dir = Files.isDirectory(model.resolve("model")) ? model.resolve("model") : model;
        if (!Files.exists(dir.resolve("topicj-model.json"))) {
            throw new TopicJException("no saved topic model in " + model + " (expected " + model.resolve("model/topicj-model.json")
                    + "); give the --output folder of 'topicj fit'");
        }
        List<String> docs = input.readDocuments();
        List<Assignment> result;
        // Under the output folder's shared lock: a fit writing into it is never seen half-done.
        try (TopicModel m = org.topicj.io.ModelFolder.read(model, d -> TopicModel.load(dir))) {
        if (embeddings != null) {
            DenseMatrix e = Npy.readMatrix(embeddings);
            if (e.rows() != docs.size()) {
                throw new IllegalArgumentException(embeddings + " has " + e.rows() + " rows but " + input.input + " has "
                        + docs.size() + " documents");
            }
            result = m.transform(docs, e);
        } else {
            result = m.transform(docs);
        }
        }
        ResultFiles.writeAssignments(output, result);
        if (!root.quiet) {
            spec.commandLine().getErr().printf("%d documents assigned: %s%n", docs.size(), output);
        }
        return ExitCodes.OK;
    }
}
