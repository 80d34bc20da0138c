package org.topicj.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import java.util.Map;
import java.util.Optional;
import org.topicj.topics.OnlineTopicModel;
import org.topicj.topics.Topic;
import org.topicj.topics.TopicModel;

/**
 * A topic model fitted (on a sample, or online on every row) or wrapped by {@link SparkTopics}, that
 * assigns rows on the executors. The
 * model is broadcast once, in its saved form, on the first {@link #transform}; {@link #close()}
 * removes the broadcast.
 *
 * <p>Thread-safety: {@code transform} may be called from several driver threads.
 */
public final class SparkTopicModel implements AutoCloseable {
    private final SparkTopics topics;
    private final TopicModel model;
    private final OnlineTopicModel online;
    private final long sampleSize;
    private Broadcast<SavedModelBytes> broadcast;

    SparkTopicModel(SparkTopics topics, TopicModel model, long sampleSize) {
        this.topics = topics;
        this.model = model;
        this.online = null;
        this.sampleSize = sampleSize;
    }

    SparkTopicModel(SparkTopics topics, OnlineTopicModel online) {
        this.topics = topics;
        this.model = null;
        this.online = online;
        this.sampleSize = online.documentsSeen();
    }

    /**
     * @return the fitted topic model (topics, words, save, transform in this JVM)
     * @throws IllegalStateException if it was fitted online; see {@link #onlineModel()}
     */
    public TopicModel model() {
        if (model == null) {
            throw new IllegalStateException("this model was fitted online (fitOnline); use onlineModel()");
        }
        return model;
    }

    /**
     * @return the online topic model
     * @throws IllegalStateException if it was fitted on a sample; see {@link #model()}
     */
    public OnlineTopicModel onlineModel() {
        if (online == null) {
            throw new IllegalStateException("this model was fitted on a sample (fit); use model()");
        }
        return online;
    }

    /** @return whether it was fitted online, on every row */
    public boolean isOnline() {
        return online != null;
    }

    /** @return the rows the model was fitted on: the sample, or every row for an online fit (0 for a wrapped model) */
    public long sampleSize() {
        return sampleSize;
    }

    /**
     * Adds the topic ({@code int}, -1 for outliers) and probability ({@code double}) of every row,
     * computed on the executors from the embedding column if the rows have one, else from the text.
     *
     * @param df the rows
     * @return the rows with two columns appended
     */
    public Dataset<Row> transform(Dataset<Row> df) {
        SparkTopics.Builder o = topics.options;
        StructType schema = df.schema();
        int text = Columns.textIndex(schema, o.textColumn);
        boolean hasEmbeddings = List.of(schema.fieldNames()).contains(o.embeddingColumn);
        int embedding = hasEmbeddings ? Columns.embeddingIndex(schema, o.embeddingColumn) : -1;
        Columns.requireAbsent(schema, o.topicColumn);
        Columns.requireAbsent(schema, o.probabilityColumn);
        StructType out = schema.add(o.topicColumn, DataTypes.IntegerType, false)
                .add(o.probabilityColumn, DataTypes.DoubleType, false);
        return df.mapPartitions(new AssignPartition(broadcast(df.sparkSession()), text, o.textColumn, embedding,
                o.embeddingColumn, o.batchSize), Encoders.row(out));
    }

    /**
     * The topics as a DataFrame, with BERTopic's {@code get_topic_info()} columns: Topic, Count, Name,
     * Representation (top words), Representative_Docs, and Representative_Images for image models.
     *
     * @param spark the session
     * @return one row per topic, outliers (-1) first
     */
    public Dataset<Row> topicInfo(SparkSession spark) {
        StructType schema = new StructType()
                .add("Topic", DataTypes.IntegerType, false)
                .add("Count", DataTypes.IntegerType, false)
                .add("Name", DataTypes.StringType, false)
                .add("Representation", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("Representative_Docs", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("Representative_Images", DataTypes.createArrayType(DataTypes.StringType, false), false);
        List<Row> rows = new ArrayList<>();
        for (Topic t : online != null ? online.topics() : model.topicInfo()) {
            rows.add(RowFactory.create(t.id(), t.count(), t.name(),
                    t.words().stream().map(Topic.Word::word).toArray(String[]::new),
                    t.representativeDocs().toArray(String[]::new), t.representativeImages().toArray(String[]::new)));
        }
        return spark.createDataFrame(rows, schema);
    }

    /** @param dir where to save the model, as {@link TopicModel#save} (or {@link OnlineTopicModel#save}) does */
    public void save(Path dir) {
        if (online != null) {
            online.save(dir);
        } else {
            model.save(dir);
        }
    }

    private synchronized Broadcast<SavedModelBytes> broadcast(SparkSession spark) {
        if (broadcast == null) {
            Optional<String> key = online != null ? online.embedderKey() : model.embedderKey();
            Map<String, String> saved = online != null ? online.embedderOptions() : model.embedderOptions();
            // The configured spec carries credentials that the saved model leaves out.
            EmbedderSpecKey spec = key.map(k -> k.equals(topics.options.embedderKey) ? topics.spec()
                    : EmbedderSpecKey.of(k, saved)).orElse(topics.options.embedderKey != null ? topics.spec() : null);
            TopicModel answering = online != null ? online.model() : model;
            SavedModelBytes bytes = SavedModelBytes.of(answering::save, spec);
            broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        }
        return broadcast;
    }

    /** Removes the broadcast model from the executors. */
    @Override
    public synchronized void close() {
        if (broadcast != null) {
            broadcast.destroy();
            broadcast = null;
        }
    }
}
