package org.topicj.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every benchmark in one process and prints a Markdown table of their result lines (each with
 * its baseline and ratio as the benchmark prints them). With {@code --write-readme README.md} the
 * table replaces the README section between {@code <!-- benchmarks:start -->} and
 * {@code <!-- benchmarks:end -->}.
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
        List<Entry> entries = List.of(
                new Entry("SbertThroughput", SbertThroughput::main, new String[] {"5000", "3"}),
                new Entry("UmapScaling", UmapScaling::main, new String[0]),
                new Entry("HdbscanScaling", HdbscanScaling::main, new String[] {"100000"}),
                new Entry("TopicModelFit", TopicModelFit::main, new String[0]),
                new Entry("SvdScaling", SvdScaling::main, new String[0]),
                new Entry("SklearnTopicQuality", SklearnTopicQuality::main, new String[0]));
        StringBuilder table = new StringBuilder();
        Runtime rt = Runtime.getRuntime();
        table.append("Measured by `benchmarks/run BenchmarkSuite --write-readme README.md` on ").append(LocalDate.now())
                .append(": ").append(rt.availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
                .append(", ").append(System.getProperty("os.arch")).append(".\n\n| benchmark | result (baseline and ratio as printed) |\n|---|---|\n");
        PrintStream original = System.out;
        for (Entry e : entries) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            try {
                e.main().run(e.args());
            } finally {
                System.setOut(original);
            }
            for (String line : lines(buf.toString(StandardCharsets.UTF_8))) {
                table.append("| ").append(e.name()).append(" | ").append(line.replace("|", "/")).append(" |\n");
                original.println(e.name() + ": " + line);
            }
        }
        original.println();
        original.print(table);
        if (args.length == 2 && args[0].equals("--write-readme")) {
            Path readme = Path.of(args[1]);
            String text = Files.readString(readme);
            int start = text.indexOf("<!-- benchmarks:start -->");
            int end = text.indexOf("<!-- benchmarks:end -->");
            if (start < 0 || end < start) {
                throw new IllegalStateException(readme + " has no <!-- benchmarks:start --> ... <!-- benchmarks:end --> section");
            }
            Files.writeString(readme, text.substring(0, start) + "<!-- benchmarks:start -->\n" + table + text.substring(end));
            original.println("updated " + readme);
        }
    }

    private static List<String> lines(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("texts:") && !l.startsWith("cores") && !l.startsWith("(")) {
                out.add(l);
            }
        }
        return out;
    }
}
