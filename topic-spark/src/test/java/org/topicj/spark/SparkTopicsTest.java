package org.topicj.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.matrix.DenseMatrix;
import org.topicj.testing.SyntheticCorpus;
import org.topicj.topics.Assignment;
import org.topicj.topics.OnlineTopicModel;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/** Embedding, fitting and assigning in local mode, against the single-JVM path, on synthetic text. */
class SparkTopicsTest {
    static final SparkSession SPARK = LocalSpark.get();
    static final StructType TEXTS = new StructType().add("id", DataTypes.IntegerType, false).add("text", DataTypes.StringType);

    static Dataset<Row> frame(List<String> texts, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, texts.get(i)));
        }
        return SPARK.createDataFrame(rows, TEXTS).repartition(partitions);
    }

    static float[] floats(Row r, String column) {
        List<Object> v = r.getList(r.fieldIndex(column));
        float[] out = new float[v.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = ((Number) v.get(j)).floatValue();
        }
        return out;
    }

    @Test
    void embeddingsEqualTheSingleJvmOnesRowForRow() {
        List<String> docs = SyntheticCorpus.documents(20, 1);
        SparkTopics topics = SparkTopics.builder().embedderKey("fake:hash").embedderOptions(Map.of("dimension", "12"))
                .batchSize(7).build();
        List<Row> rows = topics.embed(frame(docs, 3)).orderBy("id").collectAsList();
        assertEquals(docs.size(), rows.size());
        try (Embedder e = Embedders.open("fake:hash", Map.of("dimension", "12"))) {
            DenseMatrix expected = e.embed(docs).toDense();
            for (Row r : rows) {
                assertArrayEquals(expected.row(r.getInt(0)), floats(r, "embedding"), 0f);
            }
        }
    }

    @Test
    void aFailedTaskIsRetriedAndEveryRowComesOutOnce() {
        List<String> docs = SyntheticCorpus.documents(10, 2);
        SparkTopics topics = SparkTopics.builder().embedderKey("flaky:hash").embedderOptions(Map.of("dimension", "8")).build();
        List<Row> rows = topics.embed(frame(docs, 4)).orderBy("id").collectAsList();
        assertEquals(1, FlakyEmbedderProvider.FAILURES.get(), "the first attempt of partition 0 failed");
        assertEquals(docs.size(), rows.size());
        try (Embedder e = Embedders.open("fake:hash", Map.of("dimension", "8"))) {
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i, rows.get(i).getInt(0), "each row once");
                assertArrayEquals(e.embed(List.of(docs.get(i))).toDense().row(0), floats(rows.get(i), "embedding"), 0f);
            }
        }
    }

    @Test
    void distributedTransformByTextEqualsTheSingleJvmTransform() {
        List<String> docs = SyntheticCorpus.documents(40, 3);
        SparkTopics topics = SparkTopics.builder().embedderKey("fake:hash").sampleSize(120).seed(5)
                .modeler(m -> m.minTopicSize(8)).build();
        try (SparkTopicModel fitted = topics.fit(frame(docs, 3))) {
            assertEquals(120, fitted.sampleSize());
            List<Row> rows = fitted.transform(frame(docs, 5)).orderBy("id").collectAsList();
            List<Assignment> single = fitted.model().transform(docs);
            for (Row r : rows) {
                Assignment a = single.get(r.getInt(0));
                assertEquals(a.topic(), r.getInt(r.fieldIndex("topic")), "row " + r.getInt(0));
                assertEquals(a.probability(), r.getDouble(r.fieldIndex("probability")), 1e-12);
            }
            List<Row> info = fitted.topicInfo(SPARK).collectAsList();
            assertEquals(fitted.model().topicInfo().size(), info.size());
            assertEquals(120, info.stream().mapToInt(r -> r.getInt(1)).sum(), "counts are over the sample");
        }
    }

    @Test
    void theOnlineRouteLearnsFromEveryRowAndAssignsAsTheSingleJvm() {
        List<String> docs = SyntheticCorpus.documents(60, 7);
        SparkTopics topics = SparkTopics.builder().embedderKey("fake:hash").build();
        OnlineTopicModel online = OnlineTopicModel.builder().clusters(5).build();
        try (SparkTopicModel fitted = topics.fitOnline(frame(docs, 3), online, 100)) {
            assertTrue(fitted.isOnline());
            assertEquals(docs.size(), fitted.sampleSize(), "every row was learnt from");
            assertEquals(5, fitted.topicInfo(SPARK).count());
            List<Row> rows = fitted.transform(frame(docs, 4)).orderBy("id").collectAsList();
            List<Assignment> single;
            try (Embedder e = Embedders.open("fake:hash")) {
                single = online.transform(docs, e.embed(docs));
            }
            for (Row r : rows) {
                assertEquals(single.get(r.getInt(0)).topic(), r.getInt(r.fieldIndex("topic")), "row " + r.getInt(0));
            }
            int[] truth = new int[docs.size()];
            int[] found = new int[docs.size()];
            for (Row r : rows) {
                truth[r.getInt(0)] = r.getInt(0) % 5;
                found[r.getInt(0)] = r.getInt(r.fieldIndex("topic"));
            }
            assertTrue(org.topicj.eval.ClusteringMetrics.normalizedMutualInformation(truth, found) > 0.8);
            assertThrows(IllegalStateException.class, fitted::model);
        }
    }

    @Test
    void theSampleDoesNotDependOnPartitioning() {
        List<String> docs = SyntheticCorpus.documents(40, 4);
        SparkTopics topics = SparkTopics.builder().embedderKey("fake:hash").sampleSize(100).seed(9)
                .modeler(m -> m.minTopicSize(8)).build();
        TopicModel a = topics.fit(frame(docs, 2)).model();
        TopicModel b = topics.fit(frame(docs, 7)).model();
        assertEquals(a.topics(), b.topics());
    }

    @Test
    void badColumnsAndNullTextsFailWithWhatToDo() {
        SparkTopics topics = SparkTopics.builder().embedderKey("fake:hash").textColumn("body").build();
        var missing = assertThrows(IllegalArgumentException.class, () -> topics.embed(frame(List.of("a", "b"), 1)));
        assertTrue(missing.getMessage().contains("no column 'body'"), missing.getMessage());
        List<Row> rows = List.of(RowFactory.create(0, "fine"), RowFactory.create(1, null));
        Dataset<Row> withNull = SPARK.createDataFrame(rows, TEXTS);
        SparkTopics plain = SparkTopics.builder().embedderKey("fake:hash").build();
        var nulls = assertThrows(SparkException.class, () -> plain.embed(withNull).collectAsList());
        assertTrue(String.valueOf(nulls.getMessage()).contains("column 'text' is null"), nulls.getMessage());
        var taken = assertThrows(IllegalArgumentException.class, () -> plain.embed(plain.embed(frame(List.of("a"), 1))));
        assertTrue(taken.getMessage().contains("already has a column 'embedding'"), taken.getMessage());
    }

    @Test
    void aModelFittedElsewhereAssignsRowsThroughWrap() {
        List<String> docs = SyntheticCorpus.documents(30, 6);
        TopicModel model = TopicModeler.builder().embedderKey("fake:hash").seed(1).minTopicSize(8).build().fit(docs);
        try (SparkTopicModel wrapped = SparkTopics.builder().embedderKey("fake:hash").build().wrap(model)) {
            List<Row> rows = wrapped.transform(frame(docs, 4)).orderBy("id").collectAsList();
            List<Assignment> single = model.transform(docs);
            for (Row r : rows) {
                assertEquals(single.get(r.getInt(0)).topic(), r.getInt(2));
            }
        }
    }
}
