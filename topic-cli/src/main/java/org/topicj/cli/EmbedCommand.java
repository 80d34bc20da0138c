package org.topicj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code topicj embed}: documents in, a float32 {@code .npy} matrix out, one row per document in input order. */
@Command(name = "embed", mixinStandardHelpOptions = true, description = "Embed documents into a float32 .npy matrix, one row per document, in input order.")
final class EmbedCommand implements Callable<Integer> {

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--embedder", paramLabel = "KEY",
            description = "Embedding backend key, e.g. all-MiniLM-L6-v2, sbert:/path/to/model (default: ${DEFAULT-VALUE}).")
    String embedder = Embedders.defaultKey();

    @Option(names = "--option", paramLabel = "NAME=VALUE", description = "A backend option; repeat for several.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--output", required = true, paramLabel = "OUT.npy", description = "Where to write the embeddings.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> docs = input.readDocuments();
        long start = System.nanoTime();
        DenseMatrix vectors;
        try (Embedder e = Embedders.open(embedder, options); ProgressBar bar = ProgressBar.create(err, root.quiet)) {
            vectors = e.embed(docs, bar).toDense();
        }
        Npy.write(output, vectors);
        if (!root.quiet) {
            err.printf("embedded %d documents with %s into %d dimensions in %.1f s: %s%n", vectors.rows(), embedder,
                    vectors.cols(), (System.nanoTime() - start) / 1e9, output);
        }
        return ExitCodes.OK;
    }
}
