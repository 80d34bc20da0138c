package org.topicj.spark;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.topicj.embed.Embedder;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;
import org.topicj.testing.FakeEmbedder;

/**
 * {@code flaky:NAME}: the fake hash embedder, except that the first attempt of partition 0's task
 * fails once per JVM, to show that Spark's retry gives the same rows, each once.
 */
public final class FlakyEmbedderProvider implements EmbedderProvider {
    static final AtomicInteger FAILURES = new AtomicInteger();

    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public String artifact() {
        return "org.topicj:topic-spark:tests";
    }

    @Override
    public List<BackendOption> options() {
        return List.of(BackendOption.integer("dimension", null, "vector size"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        FakeEmbedder inner = new FakeEmbedder(spec.intOption("dimension", 16), spec.key());
        return new Embedder() {
            @Override
            public Matrix embed(List<String> texts, ProgressListener progress) {
                TaskContext task = TaskContext.get();
                if (task != null && task.partitionId() == 0 && task.attemptNumber() == 0 && FAILURES.get() == 0) {
                    FAILURES.incrementAndGet();
                    throw new IllegalStateException("injected failure in the first attempt of partition 0");
                }
                return inner.embed(texts, progress);
            }

            @Override
            public int dimension() {
                return inner.dimension();
            }

            @Override
            public boolean normalized() {
                return inner.normalized();
            }

            @Override
            public String modelId() {
                return inner.modelId();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
