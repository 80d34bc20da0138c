package org.topicj.sklearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.topicj.matrix.DenseMatrix;

class IncrementalSvdTest {

    @Test
    void batchesApproximateTheSvdOfEverything() {
        List<String> docs = PipelineTest.corpus(400, 11);
        Pipeline incremental = PipelineSpec.parse("hashing(n_features=2048)+isvd(5)");
        Pipeline.Fitted state = null;
        for (int b = 0; b < 4; b++) {
            state = incremental.partialFit(state, docs.subList(b * 100, (b + 1) * 100));
        }
        Pipeline.Fitted whole = PipelineSpec.parse("hashing(n_features=2048)+svd(5)").fit(docs);
        TruncatedSvd.FittedSvd a = (TruncatedSvd.FittedSvd) state.steps().get(0);
        TruncatedSvd.FittedSvd b = (TruncatedSvd.FittedSvd) whole.steps().get(0);
        for (int i = 0; i < 5; i++) {
            double rel = Math.abs(a.singularValues()[i] - b.singularValues()[i]) / b.singularValues()[i];
            assertTrue(rel < 0.02, "singular value " + i + ": " + a.singularValues()[i] + " vs " + b.singularValues()[i]);
        }
        assertTrue(overlap(a.components(), b.components()) > 0.98, "the two subspaces agree");
        assertEquals(5, state.transform(docs.subList(0, 3)).cols());
    }

    @Test
    void embedderLearnsBatchByBatchAndRefusesWhereItCannot() {
        try (PipelineEmbedder e = new PipelineEmbedder(PipelineSpec.parse("hashing(n_features=1024)+isvd(4)+normalize"), "k")) {
            e.partialFit(PipelineTest.corpus(50, 1));
            e.partialFit(PipelineTest.corpus(50, 2));
            assertEquals(4, e.embed(List.of("kernel driver")).cols());
        }
        try (PipelineEmbedder e = new PipelineEmbedder(PipelineSpec.parse("tfidf+isvd(4)"), "k")) {
            UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
                    () -> e.partialFit(PipelineTest.corpus(50, 1)));
            assertTrue(u.getMessage().contains("sklearn:hashing+isvd"), u.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> PipelineSpec.parse("hashing+isvd(20)").partialFit(null, PipelineTest.corpus(10, 3)));
    }

    /** Mean squared cosine between the two bases: 1 when they span the same subspace. */
    private static double overlap(DenseMatrix a, DenseMatrix b) {
        double s = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.rows(); j++) {
                double c = org.topicj.matrix.VectorMath.cosine(a.row(i), b.row(j));
                s += c * c;
            }
        }
        return s / a.rows();
    }
}
