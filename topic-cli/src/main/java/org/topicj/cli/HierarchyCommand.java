package org.topicj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.topicj.io.ModelFolder;
import org.topicj.topics.TopicHierarchy;
import org.topicj.topics.TopicModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code topicj hierarchy}: the merge tree of a fitted model's topics (BERTopic's
 * {@code hierarchical_topics}), printed as BERTopic's {@code get_topic_tree} draws it and written as
 * {@code hierarchy.json}. It needs the documents the model was fitted on, because each merged node is
 * described by the words of its documents.
 */
@Command(name = "hierarchy", mixinStandardHelpOptions = true,
        description = "The topic tree of a model written by 'topicj fit': prints it and writes hierarchy.json.",
        footer = {"", "hierarchy.json: {\"topics\": k, \"merges\": [{\"parent_id\", \"parent_name\", \"topics\", \"left_id\", \"left_name\",",
                "\"right_id\", \"right_name\", \"distance\", \"words\": [[word, score], ...]}, ...], \"tree\": text}, root first.",
                "", "Examples:",
                "  topicj hierarchy --model out --input docs.txt                 (writes out/hierarchy.json)",
                "  topicj hierarchy --model out --input docs.jsonl --text-field body --max-distance 1.2 --output tree.json",
                "  topicj hierarchy --model out --input docs.txt --output -      (the JSON on standard output)"})
final class HierarchyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The --output folder of 'topicj fit'.")
    Path model;

    @Option(names = "--use-embeddings", description = "Distances between topic embeddings instead of c-TF-IDF (BERTopic's use_ctfidf=False).")
    boolean useEmbeddings;

    @Option(names = "--max-distance", paramLabel = "D", description = "In the printed tree, mark topics merged at this distance or above.")
    Double maxDistance;

    @Option(names = "--tight", description = "Narrower indents in the printed tree.")
    boolean tight;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the JSON (default: DIR/hierarchy.json); - for standard output.")
    Path output;

    @Override
    public Integer call() {
        Path dir = SavedModels.folder(model);
        Path target = output != null ? output : model.resolve("hierarchy.json");
        OutputFiles outputs = new OutputFiles(spec, root.stdout);
        outputs.refuseOverlaps(Map.of("--input", input.input, "--model", dir.resolve(SavedModels.MODEL_FILE)), Map.of("--output", target));
        input.stdin = root.stdin;
        List<String> docs = input.readDocuments();
        long start = System.nanoTime();
        TopicHierarchy.Tree tree;
        try (TopicModel m = ModelFolder.read(model, d -> TopicModel.load(dir))) {
            int fitted = m.documentInfo().size();
            if (fitted != docs.size()) {
                throw new IllegalArgumentException(input.name() + " has " + docs.size() + " documents but the model was fitted on "
                        + fitted + "; give the documents it was fitted on, in the same order");
            }
            tree = TopicHierarchy.builder().useCtfidf(!useEmbeddings).build().compute(m, docs);
        }
        String text = tree.text(maxDistance, tight);
        outputs.add(target, out -> out.write(json(tree, text)));
        outputs.commit();
        if (!OutputFiles.isStdout(target) && !root.json) {
            try {
                root.stdout.write(text.getBytes(StandardCharsets.UTF_8));
                root.stdout.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot print the tree: " + e.getMessage(), e);
            }
        }
        Summary.of(root, spec).put("topics", tree.topicCount()).put("merges", tree.merges().size())
                .put("seconds", (System.nanoTime() - start) / 1e9).output(target)
                .print(String.format("%d topics, %d merges: %s", tree.topicCount(), tree.merges().size(), target));
        return ExitCodes.OK;
    }

    private static byte[] json(TopicHierarchy.Tree tree, String text) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("topics", tree.topicCount());
        ArrayNode merges = o.putArray("merges");
        for (TopicHierarchy.Merge m : tree.merges()) {
            ObjectNode n = merges.addObject();
            n.put("parent_id", m.parentId()).put("parent_name", m.parentName());
            ArrayNode topics = n.putArray("topics");
            m.topics().forEach(topics::add);
            n.put("left_id", m.leftId()).put("left_name", m.leftName()).put("right_id", m.rightId()).put("right_name", m.rightName())
                    .put("distance", m.distance());
            ArrayNode words = n.putArray("words");
            m.parentWords().forEach(w -> words.addArray().add(w.word()).add(w.score()));
        }
        o.put("tree", text);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    }
}
