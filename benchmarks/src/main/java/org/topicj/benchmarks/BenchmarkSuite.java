package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * TopicJ against its Python peers (BERTopic, umap-learn, hdbscan, ONNX Runtime from Python,
 * sentence-transformers), in the same sitting on the same inputs ({@link PeerSuite}), printed as
 * Markdown. With {@code --write-readme README.md} the tables replace the README section between
 * {@code <!-- benchmarks:start -->} and {@code <!-- benchmarks:end -->}.
 *
 * <p>Options: {@code --quick} (small sizes and 1 repeat, to check the harness), {@code --repeats N}
 * (default 3), {@code --sizes 5000,20000,100000} (the fit-from-embeddings sizes; the first uses
 * debian5k's real embeddings), {@code --only embed,fit,umap,hdbscan,raw}, {@code --timeout-min M}
 * (per process, default 180), {@code --others} (also the Java-only benchmarks, printed, not written).
 */
public final class BenchmarkSuite {
    private BenchmarkSuite() {
    }

    private interface Main {
        void run(String[] args) throws Exception;
    }

    private record Entry(String name, Main main, String[] args) {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path work = Files.createTempDirectory("topicj-peers-");
        PeerSuite suite = new PeerSuite(o.config(), work, System.out);
        System.out.println("peers' python: " + suite.peers().describe() + "; inputs and logs in " + work);
        List<PeerSuite.Row> rows = suite.run();
        String markdown = header(o, suite.peers().versions()) + Report.table(rows) + scalingSection(rows);
        deleteInputs(work);
        System.out.println();
        System.out.print(markdown);
        if (o.readme != null) {
            writeReadme(o.readme, markdown);
        }
        if (o.others) {
            others();
        }
    }

    private static String header(Options o, JsonNode versions) {
        Runtime rt = Runtime.getRuntime();
        String peers = versions.isMissingNode() ? "none installed (run benchmarks/peers/setup.sh)" : String.join(", ", names(versions));
        return "Measured by `benchmarks/run BenchmarkSuite" + (o.quick ? " --quick" : "") + "` on " + LocalDate.now() + ": "
                + rt.availableProcessors() + " cores, Java " + System.getProperty("java.version") + ", " + System.getProperty("os.arch")
                + (o.quick ? ", QUICK (small sizes, not for the README)" : "") + ".\n"
                + "Each row runs TopicJ in a fresh JVM, then the peer in a fresh Python process, one after the other on the same input "
                + "files. Figures: median of " + o.config().repeats() + " timed repeats after a warm-up (range min–max); whole process: "
                + "from the process's start, model load included, to the end of its first pass. Speed ratio: TopicJ's speed over the "
                + "peer's (above 1: TopicJ faster). Memory: peak heap before a GC (and live after one) and peak RSS (VmHWM) of each "
                + "process. Peers: " + peers + ".\n\n";
    }

    private static List<String> names(JsonNode versions) {
        List<String> out = new ArrayList<>();
        versions.fields().forEachRemaining(e -> out.add(e.getKey() + " " + (e.getValue().isNull() ? "(missing)" : e.getValue().asText())));
        return out;
    }

    private static String scalingSection(List<PeerSuite.Row> rows) {
        List<PeerSuite.Row> fits = rows.stream().filter(r -> r.what().startsWith("fit from embeddings")).toList();
        return fits.isEmpty() ? "" : "\nFit from embeddings (seed 42) by number of documents:\n\n" + Report.scaling(fits);
    }

    private static void writeReadme(Path readme, String markdown) throws IOException {
        String text = Files.readString(readme);
        int start = text.indexOf("<!-- benchmarks:start -->");
        int end = text.indexOf("<!-- benchmarks:end -->");
        if (start < 0 || end < start) {
            throw new IllegalStateException(readme + " has no <!-- benchmarks:start --> ... <!-- benchmarks:end --> section");
        }
        Files.writeString(readme, text.substring(0, start) + "<!-- benchmarks:start -->\n" + markdown + text.substring(end));
        System.out.println("updated " + readme);
    }

    /** The benchmark inputs are large and rewritten each run; the logs stay for reading. */
    private static void deleteInputs(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            for (Path f : files.filter(f -> f.toString().matches(".*\\.(npy|onnx|jsonl|json)$")).toList()) {
                Files.delete(f);
            }
        }
    }

    /** TopicJ-only benchmarks and Java baselines, which have no Python peer; printed, never written to the README. */
    private static void others() throws Exception {
        List<Entry> entries = List.of(
                new Entry("SbertThroughput", SbertThroughput::main, new String[] {"5000", "3"}),
                new Entry("UmapScaling", UmapScaling::main, new String[0]),
                new Entry("HdbscanScaling", HdbscanScaling::main, new String[] {"100000"}),
                new Entry("TopicModelFit", TopicModelFit::main, new String[0]),
                new Entry("SvdScaling", SvdScaling::main, new String[0]),
                new Entry("SklearnTopicQuality", SklearnTopicQuality::main, new String[0]),
                new Entry("Model2VecBenchmark", Model2VecBenchmark::main, new String[0]));
        PrintStream original = System.out;
        for (Entry e : entries) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            try {
                e.main().run(e.args());
            } finally {
                System.setOut(original);
            }
            for (String line : buf.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    original.println(e.name() + ": " + line.strip());
                }
            }
        }
    }

    /** The command line. */
    private static final class Options {
        boolean quick;
        boolean others;
        Integer repeats;
        Path readme;
        Duration timeout = Duration.ofMinutes(180);
        Set<String> only = Set.of();
        List<Integer> sizes;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> o.quick = true;
                    case "--others" -> o.others = true;
                    case "--repeats" -> o.repeats = Integer.parseInt(value(args, ++i));
                    case "--write-readme" -> o.readme = Path.of(value(args, ++i));
                    case "--timeout-min" -> o.timeout = Duration.ofMinutes(Long.parseLong(value(args, ++i)));
                    case "--only" -> o.only = new LinkedHashSet<>(Arrays.asList(value(args, ++i).split(",")));
                    case "--sizes" -> o.sizes = Arrays.stream(value(args, ++i).split(",")).map(Integer::valueOf).toList();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --quick --repeats N --sizes A,B,C --only embed,fit,umap,hdbscan,raw --timeout-min M "
                            + "--others --write-readme README.md");
                }
            }
            if (o.readme != null && (o.quick || !o.only.isEmpty())) {
                throw new IllegalArgumentException("--write-readme takes a full run: drop --quick and --only");
            }
            return o;
        }

        PeerSuite.Config config() {
            int r = repeats != null ? repeats : quick ? 1 : 3;
            List<Integer> s = sizes != null ? sizes : quick ? List.of(500, 1000, 2000) : List.of(5000, 20_000, 100_000);
            return new PeerSuite.Config(quick, r, timeout, only, s);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }
}
