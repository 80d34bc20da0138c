package org.topicj.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.Embedder;
import org.topicj.registry.Embedders;
import org.topicj.matrix.DenseMatrix;
import org.topicj.topics.Assignment;
import org.topicj.topics.LoadOptions;
import org.topicj.topics.TopicModel;

/**
 * What one executor JVM keeps across partitions and tasks: one embedder per key and options (opened
 * on first use, shared by the tasks running in the JVM, closed when the JVM exits), and each
 * broadcast topic model unpacked and loaded once.
 *
 * <p>Thread-safety: safe; Spark runs several tasks in one executor JVM at once.
 */
final class ExecutorResources {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorResources.class);
    private static final Map<EmbedderSpecKey, Embedder> EMBEDDERS = new ConcurrentHashMap<>();
    private static final Map<String, Assigner> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, Path> MODEL_DIRS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorResources::closeAll, "topicj-executor-close"));
    }

    private ExecutorResources() {
    }

    /** @return this JVM's embedder for the key and options, opened on first use */
    static Embedder embedder(EmbedderSpecKey spec) {
        return EMBEDDERS.computeIfAbsent(spec, s -> {
            LOG.info("opening embedder {} in this executor", s);
            return Embedders.open(s.key(), s.options());
        });
    }

    /** Assigns a batch of rows: texts, and their embeddings or null to embed the texts here. */
    interface Assigner {
        List<Assignment> assign(List<String> texts, DenseMatrix embeddings);
    }

    /** @return this JVM's copy of a broadcast model (batch or online: one format), unpacked and loaded on first use */
    static Assigner assigner(SavedModelBytes saved) {
        return MODELS.computeIfAbsent(saved.id(), id -> {
            Path dir = saved.unpack();
            MODEL_DIRS.put(id, dir);
            // A fitted (stateful) embedder travels inside the model, which restores it; otherwise this JVM's embedder serves.
            LoadOptions options = Files.isDirectory(dir.resolve("embedder")) || saved.embedder() == null ? LoadOptions.defaults()
                    : LoadOptions.builder().embedder(embedder(saved.embedder())).build();
            TopicModel model = TopicModel.load(dir, options);
            return (texts, embeddings) -> embeddings != null ? model.transform(texts, embeddings) : model.transform(texts);
        });
    }

    /** Closes every embedder and deletes unpacked models; for the JVM's exit, and tests. */
    static synchronized void closeAll() {
        EMBEDDERS.values().forEach(e -> {
            try {
                e.close();
            } catch (RuntimeException x) {
                LOG.warn("closing embedder {} failed: {}", e.modelId(), x.toString());
            }
        });
        EMBEDDERS.clear();
        MODELS.clear();
        MODEL_DIRS.values().forEach(Folders::deleteQuietly);
        MODEL_DIRS.clear();
    }
}
