package org.topicj.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.umap.Umap;
import org.topicj.umap.UmapMetric;
import org.topicj.umap.UmapModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code topicj reduce}: UMAP alone, .npy in and out. */
@Command(name = "reduce", mixinStandardHelpOptions = true, description = "Reduce embeddings with UMAP; float32 .npy in and out.",
        footer = {"", "Example:", "  topicj reduce --input docs.npy --output docs5d.npy --components 5 --seed 42"})
final class ReduceCommand implements Callable<Integer> {

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "E.npy", description = "Embeddings, one row per point.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "R.npy", description = "Reduced points, float32; - for standard output.")
    Path output;

    @Option(names = "--components", paramLabel = "N", defaultValue = "5", description = "Output dimensions (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--neighbors", paramLabel = "N", defaultValue = "15", description = "Neighbours per point (default: ${DEFAULT-VALUE}).")
    int neighbours;

    @Option(names = "--min-dist", paramLabel = "D", defaultValue = "0.0", description = "Minimum distance in the layout (default: ${DEFAULT-VALUE}).")
    double minDist;

    @Option(names = "--metric", paramLabel = "cosine|euclidean|hellinger", defaultValue = "cosine",
            description = "Input distance (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); seeded results do not depend on it.")
    Integer threads;

    @Override
    public Integer call() {
        UmapMetric m;
        try {
            m = UmapMetric.valueOf(metric.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--metric must be cosine, euclidean or hellinger, got '" + metric + "'");
        }
        OutputFiles outputs = new OutputFiles(spec, root.stdout);
        outputs.refuseOverlaps(java.util.Map.of("--input", input), java.util.Map.of("--output", output));
        DenseMatrix x = Npy.readMatrix(input);
        Umap.Builder b = Umap.builder().components(components).neighbours(neighbours).minDist(minDist).metric(m).seed(seed);
        if (threads != null) {
            b.threads(threads);
        }
        UmapModel model;
        try (ProgressBar bar = ProgressBar.create(spec.commandLine().getErr(), root.quiet || root.json)) {
            model = b.build().fit(x, bar);
        }
        outputs.add(output, out -> Npy.write(out, model.embedding()));
        outputs.commit();
        UmapModel.Timings t = model.timings();
        Summary.of(root, spec).put("points", x.rows()).put("inputDimensions", x.cols()).put("components", components)
                .put("seconds", t.total()).output(output)
                .print(String.format("reduced %d x %d to %d dimensions in %.2f s (neighbours %.2f, graph %.2f, "
                        + "init %.2f, optimise %.2f): %s", x.rows(), x.cols(), components, t.total(), t.neighbours(), t.graph(),
                        t.init(), t.optimise(), output));
        return ExitCodes.OK;
    }
}
