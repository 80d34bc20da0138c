package org.topicj.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.topicj.hdbscan.ClusterSelectionMethod;
import org.topicj.hdbscan.Hdbscan;
import org.topicj.hdbscan.HdbscanModel;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code topicj cluster}: HDBSCAN alone, .npy in and out. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Cluster points with HDBSCAN: labels as int32 .npy (-1 = noise), optional probabilities and soft membership.",
        footer = {"", "Example:", "  topicj cluster --input docs5d.npy --output labels.npy --min-cluster-size 10 --probabilities p.npy"})
final class ClusterCommand implements Callable<Integer> {

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "R.npy", description = "Points, float32 or float64, one row each.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "LABELS.npy", description = "Labels, int32, -1 for noise.")
    Path output;

    @Option(names = "--min-cluster-size", paramLabel = "N", defaultValue = "10", description = "Smallest cluster (default: ${DEFAULT-VALUE}).")
    int minClusterSize;

    @Option(names = "--min-samples", paramLabel = "N", description = "Neighbours that define density (default: min cluster size).")
    Integer minSamples;

    @Option(names = "--selection", paramLabel = "eom|leaf", defaultValue = "eom", description = "Cluster selection (default: ${DEFAULT-VALUE}).")
    String selection;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); the result does not depend on it.")
    Integer threads;

    @Option(names = "--probabilities", paramLabel = "P.npy", description = "Also write membership probabilities, float32.")
    Path probabilities;

    @Option(names = "--membership", paramLabel = "M.npy", description = "Also write soft membership vectors, float32 n x k.")
    Path membership;

    @Override
    public Integer call() {
        ClusterSelectionMethod method = switch (selection.toLowerCase(java.util.Locale.ROOT)) {
            case "eom" -> ClusterSelectionMethod.EOM;
            case "leaf" -> ClusterSelectionMethod.LEAF;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--selection must be eom or leaf, got '" + selection + "'");
        };
        OutputFiles outputs = new OutputFiles(spec, root.stdout);
        java.util.Map<String, Path> outs = new java.util.LinkedHashMap<>();
        outs.put("--output", output);
        outs.put("--probabilities", probabilities);
        outs.put("--membership", membership);
        outputs.refuseOverlaps(java.util.Map.of("--input", input), outs);
        DenseMatrix points = Npy.readMatrix(input);
        Hdbscan.Builder b = Hdbscan.builder().minClusterSize(minClusterSize).clusterSelectionMethod(method);
        if (minSamples != null) {
            b.minSamples(minSamples);
        }
        if (threads != null) {
            b.threads(threads);
        }
        long start = System.nanoTime();
        HdbscanModel model;
        try (ProgressBar bar = ProgressBar.create(spec.commandLine().getErr(), root.quiet || root.json)) {
            model = b.build().fit(points, bar);
        }
        DenseMatrix soft = membership != null ? model.allPointsMembershipVectors() : null;
        outputs.add(output, out -> Npy.writeInts(out, model.labels()));
        if (probabilities != null) {
            double[] p = model.probabilities();
            float[] f = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                f[i] = (float) p[i];
            }
            outputs.add(probabilities, out -> Npy.writeFloats(out, f));
        }
        if (soft != null) {
            outputs.add(membership, out -> Npy.write(out, soft));
        }
        outputs.commit();
        double seconds = (System.nanoTime() - start) / 1e9;
        Summary.of(root, spec).put("points", points.rows()).put("clusters", model.clusterCount()).put("noise", model.noiseCount())
                .put("seconds", seconds).output(output)
                .print(String.format("%d points: %d clusters, %d noise, in %.2f s: %s", points.rows(), model.clusterCount(),
                        model.noiseCount(), seconds, output));
        return ExitCodes.OK;
    }
}
