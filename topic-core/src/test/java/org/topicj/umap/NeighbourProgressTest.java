package org.topicj.umap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.topicj.matrix.DenseMatrix;

/** The neighbour search ends its progress at 100%, also when NN-descent converges early. */
class NeighbourProgressTest {
    @Test
    void neighboursReportCompleteWhenTheyConvergeEarly() {
        int n = 5000;
        int d = 8;
        float[] data = new float[n * d];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rnd.nextGaussian();
        }
        List<long[]> updates = new ArrayList<>();
        Umap.builder().neighbours(10).components(2).epochs(1).seed(1).exactNeighbours(false).build()
                .fit(DenseMatrix.wrap(n, d, data), (task, done, total) -> {
                    if (task.equals("neighbours")) {
                        updates.add(new long[] {done, total});
                    }
                });
        assertTrue(!updates.isEmpty(), "the neighbour stage reports progress");
        long[] last = updates.get(updates.size() - 1);
        assertEquals(last[1], last[0], "the last neighbours update is complete, not stuck part-way");
    }
}
