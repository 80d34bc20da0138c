package org.topicj.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.topicj.topics.Assignment;

/**
 * Appends topic and probability to every row of a partition with the broadcast model, batch by
 * batch, from the embedding column when there is one, else by embedding the text on the executor.
 * A point's topic does not depend on its batch (see UmapModel#transform), so any partitioning gives
 * the single-JVM result, and a retried task gives the same rows again.
 */
final class AssignPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<SavedModelBytes> model;
    private final int textIndex;
    private final String textColumn;
    private final int embeddingIndex;
    private final String embeddingColumn;
    private final int batchSize;

    AssignPartition(Broadcast<SavedModelBytes> model, int textIndex, String textColumn, int embeddingIndex,
                    String embeddingColumn, int batchSize) {
        this.model = model;
        this.textIndex = textIndex;
        this.textColumn = textColumn;
        this.embeddingIndex = embeddingIndex;
        this.embeddingColumn = embeddingColumn;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ExecutorResources.Assigner m = ExecutorResources.assigner(model.value());
        return new Batches<>(rows, batchSize, batch -> {
            List<String> texts = Columns.texts(batch, textIndex, textColumn);
            List<Assignment> assigned = m.assign(texts,
                    embeddingIndex >= 0 ? Columns.embeddings(batch, embeddingIndex, embeddingColumn) : null);
            List<Row> out = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                out.add(Columns.append(batch.get(i), assigned.get(i).topic(), assigned.get(i).probability()));
            }
            return out;
        });
    }
}
