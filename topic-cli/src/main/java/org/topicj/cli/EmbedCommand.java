package org.topicj.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.registry.Embedders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code topicj embed}: documents in, a float32 {@code .npy} matrix out, one row per document in input order. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed documents into a float32 .npy matrix, one row per document, in input order.",
        footer = {"", "Examples:",
                "  topicj embed --input docs.txt --output docs.npy",
                "  topicj embed --embedder openai:text-embedding-3-small --input docs.jsonl --output e.npy   (cached in .topicj-cache/)",
                "  cat docs.txt | topicj embed --input - --output - > docs.npy"})
final class EmbedCommand implements Callable<Integer> {

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    BackendOptions backend;

    @Option(names = "--embedder", paramLabel = "KEY",
            description = "Embedding backend key, e.g. all-MiniLM-L6-v2, sbert:/path/to/model (default: ${DEFAULT-VALUE}).")
    String embedder = Embedders.defaultKey();

    @Option(names = "--output", required = true, paramLabel = "OUT.npy", description = "Where to write the embeddings; - for standard output.")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        OutputFiles outputs = new OutputFiles(spec, root.stdout);
        outputs.refuseOverlaps(Map.of("--input", input.input), Map.of("--output", output));
        input.stdin = root.stdin;
        List<String> docs = input.readDocuments();
        long start = System.nanoTime();
        DenseMatrix vectors;
        try (Embedder e = Embedders.open(embedder, backend.forKey(embedder, output));
             ProgressBar bar = ProgressBar.create(err, root.quiet || root.json)) {
            vectors = e.embed(docs, bar).toDense();
        }
        outputs.add(output, out -> Npy.write(out, vectors));
        outputs.commit();
        Summary.of(root, spec).put("documents", vectors.rows()).put("dimensions", vectors.cols()).put("embedder", embedder)
                .put("seconds", (System.nanoTime() - start) / 1e9).output(output)
                .print(String.format("embedded %d documents with %s into %d dimensions in %.1f s: %s", vectors.rows(), embedder,
                        vectors.cols(), (System.nanoTime() - start) / 1e9, output));
        return ExitCodes.OK;
    }
}
