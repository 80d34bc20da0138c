package org.topicj.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.progress.ProgressListener;

/** Appends an embedding to every row of a partition, batch by batch, with the executor's shared embedder. */
final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final EmbedderSpecKey spec;
    private final int textIndex;
    private final String textColumn;
    private final int batchSize;

    EmbedPartition(EmbedderSpecKey spec, int textIndex, String textColumn, int batchSize) {
        this.spec = spec;
        this.textIndex = textIndex;
        this.textColumn = textColumn;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Embedder embedder = ExecutorResources.embedder(spec);
        return new Batches<>(rows, batchSize, batch -> {
            DenseMatrix m = embedder.embedDocuments(Columns.texts(batch, textIndex, textColumn), ProgressListener.NONE).toDense();
            List<Row> out = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                out.add(Columns.append(batch.get(i), (Object) m.row(i)));
            }
            return out;
        });
    }
}
