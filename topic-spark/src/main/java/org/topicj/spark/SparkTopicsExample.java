package org.topicj.spark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A runnable example: topics of a JSON-lines corpus (one object a line with a {@code text} field) on
 * Spark. Run it with {@code spark-submit} on a cluster, or directly in local mode:
 *
 * <pre>
 * SparkTopicsExample INPUT.jsonl OUTPUT_DIR [--sample N] [--embedder KEY] [--master local[*]]
 * </pre>
 *
 * Writes {@code OUTPUT_DIR/assignments/} (JSON lines: the input columns plus topic and probability),
 * {@code OUTPUT_DIR/topic_info/} (JSON lines) and {@code OUTPUT_DIR/model/} (the saved topic model).
 */
public final class SparkTopicsExample {
    private SparkTopicsExample() {
    }

    /** @param args input, output, then options; see the class comment */
    public static void main(String[] args) {
        List<String> a = Arrays.asList(args);
        if (a.size() < 2 || a.contains("--help")) {
            System.err.println("usage: SparkTopicsExample INPUT.jsonl OUTPUT_DIR [--sample N] [--embedder KEY] [--master URL]");
            System.exit(a.contains("--help") ? 0 : 2);
        }
        String input = a.get(0);
        Path output = Path.of(a.get(1));
        SparkSession.Builder session = SparkSession.builder().appName("topicj");
        option(a, "--master").ifPresent(session::master);
        if (option(a, "--master").isEmpty() && System.getProperty("spark.master") == null) {
            session.master("local[*]");
        }
        SparkSession spark = session.getOrCreate();
        try {
            SparkTopics topics = SparkTopics.builder()
                    .embedderKey(option(a, "--embedder").orElse(org.topicj.registry.Embedders.defaultKey()))
                    .sampleSize(Integer.parseInt(option(a, "--sample").orElse("100000")))
                    .build();
            Dataset<Row> embedded = topics.embed(spark.read().json(input)).cache();
            try (SparkTopicModel fitted = topics.fit(embedded)) {
                fitted.transform(embedded).drop("embedding").write().mode("overwrite")
                        .json(output.resolve("assignments").toString());
                fitted.topicInfo(spark).coalesce(1).write().mode("overwrite").json(output.resolve("topic_info").toString());
                fitted.save(output.resolve("model"));
                System.out.printf("%d topics from a sample of %d rows; written to %s%n",
                        fitted.model().topicCount(), fitted.sampleSize(), output);
            }
        } finally {
            spark.stop();
        }
    }

    private static java.util.Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? java.util.Optional.of(args.get(i + 1)) : java.util.Optional.empty();
    }
}
