package org.topicj.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.topicj.cli.input.DocumentReader;
import org.topicj.embed.Embedder;
import org.topicj.io.ModelFolder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.Npy;
import org.topicj.registry.Embedders;
import org.topicj.topics.Assignment;
import org.topicj.topics.LoadOptions;
import org.topicj.topics.TopicModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code topicj transform}: assign documents to the topics of a fitted model; one JSON line per document. */
@Command(name = "transform", mixinStandardHelpOptions = true,
        description = "Assign documents to the topics of a model written by 'topicj fit'.",
        footer = {"", "A model folder is data: it names the embedder it was fitted with, and transform opens that only if it is a",
                "bundled or cached model. A model naming a remote service, a path or a URL needs --embedder KEY, or",
                "--trust-model-embedder if you know where the model came from.", "", "Examples:",
                "  topicj transform --model out --input new.txt --output new.jsonl",
                "  topicj transform --model out --input new.jsonl --id-field id --output -",
                "  topicj transform --model out --input new.txt --embeddings new.npy --output new.jsonl"})
final class TransformCommand implements Callable<Integer> {

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    BackendOptions backend;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The --output folder of 'topicj fit'.")
    Path model;

    @Option(names = "--embeddings", paramLabel = "E.npy", description = "Precomputed embeddings of the documents.")
    Path embeddings;

    @Option(names = "--embedder", paramLabel = "KEY", description = "Embed with this backend instead of the model's own.")
    String embedder;

    @Option(names = "--trust-model-embedder",
            description = "Open the embedder the model names even if it is remote or a path (only for models you trust).")
    boolean trust;

    @Option(names = "--id-field", paramLabel = "NAME", description = "JSONL field or CSV column copied into each output line as \"id\".")
    String idField;

    @Option(names = "--output", required = true, paramLabel = "OUT.jsonl",
            description = "One line per document: {\"index\": i, \"topic\": t, \"name\": n, \"probability\": p}; - for standard output.")
    Path output;

    @Override
    public Integer call() {
        Path dir = SavedModels.folder(model);
        OutputFiles outputs = new OutputFiles(spec, root.stdout);
        outputs.refuseOverlaps(Map.of("--input", input.input, "--model", dir.resolve(SavedModels.MODEL_FILE),
                "--embeddings", embeddings == null ? Path.of("-") : embeddings), Map.of("--output", output));
        input.stdin = root.stdin;
        DocumentReader.Documents docs = input.read(idField == null ? List.of() : List.of(idField));
        long start = System.nanoTime();
        List<Assignment> result;
        Embedder given = embedder == null ? null : Embedders.open(embedder, backend.forKey(embedder, output));
        LoadOptions.Builder options = LoadOptions.builder().trustRecordedEmbedder(trust);
        if (given != null) {
            options.embedder(given);
        }
        // Under the output folder's shared lock: a fit writing into it is never seen half-done.
        try (Embedder owned = given; TopicModel m = ModelFolder.read(model, d -> TopicModel.load(dir, options.build()));
             ProgressBar bar = ProgressBar.create(spec.commandLine().getErr(), root.quiet || root.json)) {
            Matrix e = embeddings != null ? checkedRows(Npy.readMatrix(embeddings), docs.texts().size())
                    : m.isManual() ? null : m.embed(docs.texts(), bar);
            result = m.transform(docs.texts(), e);
            List<String> names = ResultFiles.names(m, result);
            List<String> ids = idField == null ? null : docs.field(idField);
            outputs.add(output, out -> ResultFiles.writeAssignments(out, result, names, ids));
        }
        outputs.commit();
        Summary.of(root, spec).put("documents", docs.texts().size()).put("seconds", (System.nanoTime() - start) / 1e9).output(output)
                .print(String.format("%d documents assigned in %.1f s: %s", docs.texts().size(), (System.nanoTime() - start) / 1e9, output));
        return ExitCodes.OK;
    }

    private DenseMatrix checkedRows(DenseMatrix e, int documents) {
        if (e.rows() != documents) {
            throw new IllegalArgumentException(embeddings + " has " + e.rows() + " rows but " + input.name() + " has " + documents
                    + " documents; give one embedding per document, in order");
        }
        return e;
    }

}
