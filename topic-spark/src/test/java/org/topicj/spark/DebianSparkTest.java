package org.topicj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.eval.ClusteringMetrics;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.testing.SharedData;
import org.topicj.topics.Assignment;

/**
 * The shared Debian descriptions in local mode: real all-MiniLM-L6-v2 embeddings computed on the
 * executors equal the single-JVM ones, and the distributed transform of all 5,000 rows equals the
 * single-JVM transform row for row. Skipped without ../shared.
 */
class DebianSparkTest {
    static final SparkSession SPARK = LocalSpark.get();

    record Corpus(List<String> texts, List<String> labels, DenseMatrix embeddings) {
        Dataset<Row> frame(boolean withEmbeddings, int partitions) {
            StructType schema = new StructType().add("id", DataTypes.IntegerType, false).add("text", DataTypes.StringType, false);
            if (withEmbeddings) {
                schema = schema.add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false);
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                rows.add(withEmbeddings ? RowFactory.create(i, texts.get(i), embeddings.row(i)) : RowFactory.create(i, texts.get(i)));
            }
            return SPARK.createDataFrame(rows, schema).repartition(partitions);
        }
    }

    static Corpus debian() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.reference("debian5k/docs.jsonl"))) {
            var node = json.readTree(line);
            texts.add(node.get("text").asText());
            labels.add(node.get("label").asText());
        }
        return new Corpus(texts, labels, Npy.readMatrix(SharedData.reference("debian5k/minilm.npy")));
    }

    @Test
    void executorEmbeddingsEqualSingleJvmEmbeddings() throws IOException {
        Corpus c = debian();
        Corpus first = new Corpus(c.texts.subList(0, 300), c.labels.subList(0, 300), null);
        SparkTopics topics = SparkTopics.builder().embedderKey("all-MiniLM-L6-v2").batchSize(64).build();
        List<Row> rows = topics.embed(first.frame(false, 3)).orderBy("id").collectAsList();
        try (Embedder e = Embedders.open("all-MiniLM-L6-v2")) {
            DenseMatrix single = e.embed(first.texts).toDense();
            double worst = 0;
            for (Row r : rows) {
                float[] v = SparkTopicsTest.floats(r, "embedding");
                float[] w = single.row(r.getInt(0));
                for (int j = 0; j < v.length; j++) {
                    worst = Math.max(worst, Math.abs(v[j] - w[j]));
                }
            }
            assertEquals(300, rows.size());
            // Batches group texts differently, so padding differs; values agree to float rounding.
            assertTrue(worst < 1e-5, "largest difference " + worst);
        }
    }

    @Test
    void distributedTransformEqualsSingleJvmTransformOnAllRows() throws IOException {
        Corpus c = debian();
        SparkTopics topics = SparkTopics.builder().embedderKey("all-MiniLM-L6-v2").sampleSize(2000).seed(42).build();
        try (SparkTopicModel fitted = topics.fit(c.frame(true, 4))) {
            List<Row> rows = fitted.transform(c.frame(true, 6)).orderBy("id").collectAsList();
            List<Assignment> single = fitted.model().transform(c.texts, c.embeddings);
            int[] topicsFound = new int[rows.size()];
            for (Row r : rows) {
                int i = r.getInt(0);
                assertEquals(single.get(i).topic(), r.getInt(r.fieldIndex("topic")), "row " + i);
                assertEquals(single.get(i).probability(), r.getDouble(r.fieldIndex("probability")), 1e-12, "row " + i);
                topicsFound[i] = r.getInt(r.fieldIndex("topic"));
            }
            assertEquals(5000, rows.size());
            int[] truth = c.labels.stream().mapToInt(l -> c.labels.indexOf(l)).toArray();
            double nmi = ClusteringMetrics.normalizedMutualInformation(truth, topicsFound);
            assertTrue(nmi > 0.3, "topics from a 2,000-row sample still follow the package sections: NMI " + nmi);
        }
    }
}
