package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.eval.ClusteringMetrics;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.spark.SparkTopicModel;
import org.topicj.spark.SparkTopics;
import org.topicj.topics.Assignment;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/**
 * topic-spark in local mode against the single-JVM path, side by side in one run on the 5,000
 * shared Debian descriptions: embedding rows/s (all-MiniLM-L6-v2), assignment rows/s (transform with
 * the embedding column), and what fitting on a sample costs in quality (NMI against the package
 * sections, all 5,000 rows assigned, sample fit vs fit on everything vs the online route). Arguments: [master, default
 * local[2]] [embed rows, default 2000].
 */
public final class SparkScaling {
    private SparkScaling() {
    }

    public static void main(String[] args) throws Exception {
        String master = args.length > 0 ? args[0] : "local[2]";
        int embedRows = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String line : Files.readAllLines(Corpus.reference().resolve("debian5k/docs.jsonl"))) {
            var node = json.readTree(line);
            texts.add(node.get("text").asText());
            labels.add(node.get("label").asText());
        }
        DenseMatrix embeddings = Npy.readMatrix(Corpus.reference().resolve("debian5k/minilm.npy"));
        int[] truth = labels.stream().mapToInt(labels::indexOf).toArray();
        SparkSession spark = SparkSession.builder().master(master).appName("SparkScaling")
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        try {
            embed(spark, texts.subList(0, embedRows), master);
            assign(spark, texts, embeddings, master);
            quality(spark, texts, embeddings, truth);
        } finally {
            spark.stop();
        }
    }

    private static void embed(SparkSession spark, List<String> texts, String master) {
        double single;
        try (Embedder e = Embedders.open("all-MiniLM-L6-v2")) {
            e.embed(texts.subList(0, 200));
            long t1 = System.nanoTime();
            e.embed(texts);
            single = texts.size() / ((System.nanoTime() - t1) / 1e9);
        }
        // Default: every task's ONNX runs use all cores; threads=1: one core per task, Spark's tasks in parallel.
        for (java.util.Map<String, String> options : List.of(java.util.Map.<String, String>of(), java.util.Map.of("threads", "1"))) {
            SparkTopics topics = SparkTopics.builder().embedderKey("all-MiniLM-L6-v2").embedderOptions(options).build();
            Dataset<Row> frame = frame(spark, texts, null, 4);
            topics.embed(frame).count();
            long t0 = System.nanoTime();
            long n = topics.embed(frame).count();
            double distributed = n / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("embed %d rows %-12s spark %s %7.1f rows/s   single JVM %7.1f rows/s   ratio %.2fx%n",
                    texts.size(), options.isEmpty() ? "" : "threads=1", master, distributed, single, distributed / single);
        }
    }

    private static void assign(SparkSession spark, List<String> texts, DenseMatrix embeddings, String master) {
        SparkTopics topics = SparkTopics.builder().embedderKey("all-MiniLM-L6-v2").sampleSize(2000).build();
        Dataset<Row> frame = frame(spark, texts, embeddings, 4).cache();
        frame.count();
        try (SparkTopicModel fitted = topics.fit(frame)) {
            fitted.transform(frame).count();
            long t0 = System.nanoTime();
            long n = fitted.transform(frame).count();
            double distributed = n / ((System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            fitted.model().transform(texts, embeddings);
            double single = texts.size() / ((System.nanoTime() - t1) / 1e9);
            System.out.printf("transform %d rows  spark %s %7.1f rows/s   single JVM %7.1f rows/s   ratio %.2fx%n",
                    n, master, distributed, single, distributed / single);
        }
    }

    private static void quality(SparkSession spark, List<String> texts, DenseMatrix embeddings, int[] truth) {
        long t0 = System.nanoTime();
        TopicModel full = TopicModeler.builder().seed(42).build().fit(texts, embeddings);
        double fullSeconds = (System.nanoTime() - t0) / 1e9;
        report("full fit, 5000 rows", full.documentInfo().stream().mapToInt(Assignment::topic).toArray(), truth,
                full.topicCount(), fullSeconds);
        Dataset<Row> frame = frame(spark, texts, embeddings, 4).cache();
        for (int sample : new int[] {2000, 1000, 500}) {
            SparkTopics topics = SparkTopics.builder().embedderKey("all-MiniLM-L6-v2").sampleSize(sample).seed(42).build();
            long t1 = System.nanoTime();
            try (SparkTopicModel fitted = topics.fit(frame)) {
                int[] found = new int[texts.size()];
                for (Row r : fitted.transform(frame).select("id", "topic").collectAsList()) {
                    found[r.getInt(0)] = r.getInt(1);
                }
                report("sample " + sample + " + transform", found, truth, fitted.model().topicCount(), (System.nanoTime() - t1) / 1e9);
            }
        }
        SparkTopics topics = SparkTopics.builder().embedderKey("all-MiniLM-L6-v2").build();
        long t2 = System.nanoTime();
        try (SparkTopicModel fitted = topics.fitOnline(frame, org.topicj.topics.OnlineTopicModel.builder().build(), 1000)) {
            int[] found = new int[texts.size()];
            for (Row r : fitted.transform(frame).select("id", "topic").collectAsList()) {
                found[r.getInt(0)] = r.getInt(1);
            }
            report("online, chunks of 1000", found, truth, fitted.onlineModel().topics().size(), (System.nanoTime() - t2) / 1e9);
        }
    }

    private static void report(String name, int[] found, int[] truth, int topics, double seconds) {
        long outliers = java.util.Arrays.stream(found).filter(t -> t < 0).count();
        System.out.printf("quality %-26s %3d topics  %5.1f%% outliers  NMI %.3f  (%.1f s)%n", name, topics,
                100.0 * outliers / found.length, ClusteringMetrics.normalizedMutualInformation(truth, found), seconds);
    }

    private static Dataset<Row> frame(SparkSession spark, List<String> texts, DenseMatrix embeddings, int partitions) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false).add("text", DataTypes.StringType, false);
        if (embeddings != null) {
            schema = schema.add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(embeddings == null ? RowFactory.create(i, texts.get(i)) : RowFactory.create(i, texts.get(i), embeddings.row(i)));
        }
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }
}
