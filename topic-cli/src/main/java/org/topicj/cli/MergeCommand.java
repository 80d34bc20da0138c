package org.topicj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.topicj.io.ModelFolder;
import org.topicj.topics.TopicModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code topicj merge}: BERTopic's {@code merge_models} over saved models; writes topics.json and
 * the merged model into the output folder, all or nothing.
 *
 * <p>Thread-safety: not thread-safe; picocli makes one per run.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge models written by 'topicj fit' into one (BERTopic's merge_models): the first model's topics, plus "
                + "each later model's topics that are not similar enough to any topic merged so far.",
        footer = {"", "Topics are compared by the cosine similarity of their embeddings, so every model needs topic embeddings of",
                "one dimension (models fitted with the same embedder). The merged model assigns new documents to the most",
                "similar topic embedding and embeds them with the first model's embedder; its documents are all models'",
                "training documents, in --model order. It writes topics.json and model/ into --output.", "", "Examples:",
                "  topicj merge --model out-2024 --model out-2025 --output merged",
                "  topicj merge --model a --model b --model c --min-similarity 0.8 --output merged",
                "  topicj transform --model merged --input new.txt --output new.jsonl"})
final class MergeCommand implements Callable<Integer> {
    /** The entries of --output that merge replaces. */
    static final List<String> ENTRIES = List.of("topics.json", "model");

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A model folder (the --output of 'topicj fit'); give two or more, the first is the base.")
    List<Path> models;

    @Option(names = "--min-similarity", paramLabel = "S", defaultValue = "0.7",
            description = "A topic less similar than this to every merged topic is added as new (default: ${DEFAULT-VALUE}).")
    double minSimilarity;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for topics.json and model/.")
    Path output;

    @Override
    public Integer call() {
        if (models.size() < 2) {
            throw new ParameterException(spec.commandLine(), "merge needs two or more --model folders, got " + models.size());
        }
        Map<String, Path> inputs = new LinkedHashMap<>();
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            Path dir = SavedModels.folder(models.get(i));
            folders.add(dir);
            inputs.put("--model " + models.get(i), dir.resolve(SavedModels.MODEL_FILE));
        }
        new OutputFiles(spec, root.stdout).refuseInputsIn(output, ENTRIES, inputs);
        long start = System.nanoTime();
        List<TopicModel> loaded = new ArrayList<>();
        try {
            for (int i = 0; i < folders.size(); i++) {
                Path dir = folders.get(i);
                // Under each folder's shared lock: a fit writing into it is never seen half-done.
                loaded.add(ModelFolder.read(models.get(i), d -> TopicModel.load(dir)));
            }
            try (TopicModel merged = TopicModel.merge(loaded, minSimilarity)) {
                ModelFolder.replaceEntries(output, staging -> {
                    ResultFiles.writeTopics(staging.resolve("topics.json"), merged.topics());
                    merged.save(staging.resolve("model"));
                });
                summarise(loaded, merged, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            loaded.forEach(TopicModel::close);
        }
        return ExitCodes.OK;
    }

    private void summarise(List<TopicModel> inputs, TopicModel merged, double seconds) {
        int added = merged.topicCount() - inputs.get(0).topicCount();
        Summary.of(root, spec).put("models", inputs.size()).put("documents", merged.documentInfo().size())
                .put("topics", merged.topicCount()).put("added", added).put("seconds", seconds).output(output)
                .print(String.format("merged %d models (%d documents): %d topics, %d added to the first model's %d, in %.1f s: %s",
                        inputs.size(), merged.documentInfo().size(), merged.topicCount(), added, inputs.get(0).topicCount(), seconds,
                        output));
    }
}
