package org.topicj.examples;

import java.nio.file.Path;
import java.util.List;
import org.topicj.topics.Assignment;
import org.topicj.topics.Topic;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/** The README's first Java example: fit, print topics, transform, save and load (run in an empty folder). */
public final class QuickStart {
    private QuickStart() {
    }

    /** @param args unused @throws Exception if anything fails */
    public static void main(String[] args) throws Exception {
        List<String> docs = ExampleDocuments.tickets();
        // snippet:start quickstart
        try (TopicModel model = TopicModeler.builder()
                .embedderKey("all-MiniLM-L6-v2")   // the default; any installed backend's key works
                .minTopicSize(10)
                .seed(42)                           // same seed, same topics
                .build()
                .fit(docs)) {
            for (Topic t : model.topics()) {
                System.out.println(t.name() + " " + t.count());
            }
            List<Assignment> assigned = model.transform(List.of("the printer is out of toner"));   // the model keeps its embedder open
            System.out.println(assigned);
            model.save(Path.of("my-model"));        // JSON + .npy arrays, staged and swapped in whole
        }
        try (TopicModel again = TopicModel.load(Path.of("my-model"))) {   // checked file by file; opens only local models
            System.out.println(again.transform(List.of("my laptop will not boot")));
        }
        // snippet:end quickstart
    }
}
