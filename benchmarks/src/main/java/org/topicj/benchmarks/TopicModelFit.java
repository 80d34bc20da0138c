package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/**
 * The whole topic-model fit with precomputed embeddings on the 5,000 shared Debian descriptions,
 * seeded (reproducible) and unseeded, after a warm-up fit, timed by stage through the progress
 * listener. TopicJ only: the comparison with BERTopic, measured in the same sitting, is BenchmarkSuite's.
 */
public final class TopicModelFit {
    private TopicModelFit() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> docs = new ArrayList<>();
        for (String line : Files.readAllLines(Corpus.reference().resolve("debian5k/docs.jsonl"))) {
            docs.add(json.readTree(line).get("text").asText());
        }
        DenseMatrix e = Npy.readMatrix(Corpus.reference().resolve("debian5k/minilm.npy"));
        TopicModeler.builder().seed(42).build().fit(docs, e);
        run("seed 42", TopicModeler.builder().seed(42), docs, e);
        run("unseeded", TopicModeler.builder(), docs, e);
    }

    private static void run(String name, TopicModeler.Builder b, List<String> docs, DenseMatrix e) {
        long start = System.nanoTime();
        StringBuilder stages = new StringBuilder();
        String[] last = {""};
        long[] lastTime = {start};
        b.progress((task, done, total) -> {
            if (!task.equals(last[0])) {
                long now = System.nanoTime();
                if (!last[0].isEmpty()) {
                    stages.append(String.format("%s %.2f s, ", last[0], (now - lastTime[0]) / 1e9));
                }
                last[0] = task;
                lastTime[0] = now;
            }
        });
        TopicModel m = b.build().fit(docs, e);
        long end = System.nanoTime();
        stages.append(String.format("%s and c-TF-IDF %.2f s", last[0], (end - lastTime[0]) / 1e9));
        System.out.printf("%-9s fit %.2f s (%s): %d topics%n", name, (end - start) / 1e9, stages, m.topicCount());
    }
}
