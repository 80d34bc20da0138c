package org.topicj.sklearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.topicj.embed.InvalidKeyException;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.sklearn.spi.StepProvider;

/** A third-party step found through META-INF/services (this test's resources). */
class PlugInStepTest {

    /** clip(max): caps every value; a stateless matrix step. */
    public static final class Clip implements StepProvider {
        @Override
        public String name() {
            return "clip";
        }

        @Override
        public MatrixStep matrixStep(Map<String, String> args) {
            if (!args.keySet().stream().allMatch(k -> k.equals("0"))) {
                throw new InvalidKeyException("clip takes one positional argument");
            }
            float max = Float.parseFloat(args.getOrDefault("0", "1"));
            return x -> in -> {
                DenseMatrix d = in.toDense();
                float[] v = d.rawData().clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.min(v[i], max);
                }
                return DenseMatrix.wrap(d.rows(), d.cols(), v);
            };
        }
    }

    @Test
    void thirdPartyStepsJoinTheGrammar() {
        Pipeline p = PipelineSpec.parse("tfidf+svd(3)+clip(0.01)");
        Matrix out = p.fit(PipelineTest.corpus(60, 1)).trainingOutput();
        for (float v : out.toDense().rawData()) {
            assertTrue(v <= 0.01f);
        }
        assertEquals(3, out.cols());
        InvalidKeyException first = assertThrows(InvalidKeyException.class, () -> PipelineSpec.parse("clip+svd(3)"));
        assertTrue(first.getMessage().contains("cannot come first"), first.getMessage());
        InvalidKeyException unknown = assertThrows(InvalidKeyException.class, () -> PipelineSpec.parse("tfidf+pca(3)"));
        assertTrue(unknown.getMessage().contains("[clip]"), unknown.getMessage());
    }
}
