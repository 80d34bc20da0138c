package org.topicj.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.topicj.embed.Embedder;
import org.topicj.model2vec.DistillOptions;
import org.topicj.model2vec.Model2Vec;
import org.topicj.model2vec.StaticModel;
import org.topicj.registry.Embedders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code topicj distill}: a transformer embedder in, a Model2Vec static model folder out (what
 * Python's {@code model2vec.distill(...).save_pretrained(DIR)} writes; {@code model2vec:DIR} and
 * Python's {@code StaticModel.from_pretrained(DIR)} load it). Nothing is written on failure.
 */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = "Distil a transformer embedder into a Model2Vec static model folder (model2vec's distill).")
final class DistillCommand implements Callable<Integer> {

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--embedder", paramLabel = "KEY", description = "The embedder to distil, e.g. all-MiniLM-L6-v2 (default: ${DEFAULT-VALUE}).")
    String embedder = Embedders.defaultKey();

    @Option(names = "--option", paramLabel = "NAME=VALUE", description = "An option of that embedder's backend; repeat for several.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "A new or empty folder for the static model.")
    Path output;

    @Option(names = "--pca-dims", paramLabel = "N", description = "PCA dimensions; 0 = no PCA (default: ${DEFAULT-VALUE}).")
    int pcaDims = 256;

    @Option(names = "--sif-coefficient", paramLabel = "X", description = "SIF weighting coefficient; 0 = none (default: ${DEFAULT-VALUE}).")
    double sifCoefficient = 1e-4;

    @Option(names = "--token-remove-pattern", paramLabel = "REGEX",
            description = "Vocabulary tokens matching this at their start are dropped; empty = none (default: ${DEFAULT-VALUE}).")
    String tokenRemovePattern = DistillOptions.DEFAULT_REMOVE_PATTERN;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (pcaDims < 0) {
            throw new IllegalArgumentException("--pca-dims must be 0 (no PCA) or more, got " + pcaDims);
        }
        requireNewOrEmpty(output);
        long start = System.nanoTime();
        StaticModel model;
        try (Embedder teacher = Embedders.open(embedder, options); ProgressBar bar = ProgressBar.create(err, root.quiet)) {
            model = Model2Vec.distill(teacher, DistillOptions.builder()
                    .pcaDims(pcaDims == 0 ? null : pcaDims)
                    .sifCoefficient(sifCoefficient == 0 ? null : sifCoefficient)
                    .tokenRemovePattern(tokenRemovePattern.isEmpty() ? null : tokenRemovePattern)
                    .progress(bar)
                    .build());
        }
        model.save(output);
        if (!root.quiet) {
            err.printf("distilled %s into %d tokens x %d dimensions in %.1f s: %s%n", embedder, model.rows(), model.dimension(),
                    (System.nanoTime() - start) / 1e9, output);
        }
        return ExitCodes.OK;
    }

    /** Checked before the (minutes-long) distillation, so a taken folder fails at once. */
    private static void requireNewOrEmpty(Path folder) {
        if (Files.isRegularFile(folder)) {
            throw new IllegalArgumentException("--output " + folder + " is a file; give a new or empty folder");
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--output " + folder + " is not empty; give a new or empty folder");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + folder, e);
            }
        }
    }
}
