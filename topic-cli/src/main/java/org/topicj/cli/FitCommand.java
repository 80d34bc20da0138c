package org.topicj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.topicj.cli.input.DocumentReader;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.openai.OpenAiTopicLabels;
import org.topicj.topics.PartialLabels;
import org.topicj.topics.Timestamps;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code topicj fit}: finds topics and writes {@code DIR/topics.json}, {@code DIR/documents.jsonl},
 * the saved model under {@code DIR/model/} and {@code DIR/report.html}. Everything is computed
 * before anything is written, and the four are swapped in together, so a failure leaves no partial
 * output and concurrent runs into one folder never mix.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, description = "Find the topics of documents; writes topics.json, "
        + "documents.jsonl, model/ and report.html under --output.",
        footer = {"", "Examples:",
                "  topicj fit --input docs.txt --output out",
                "  topicj fit --input docs.jsonl --text-field body --id-field id --ngram-range 1,2 --reduce-outliers c-tf-idf --output out",
                "  topicj fit --input docs.txt --embeddings docs.npy --seed 42 --output out",
                "  topicj fit --input news.jsonl --timestamp-field date --nr-bins 20 --class-field section --nr-topics auto --output out",
                "  topicj fit --input tickets.jsonl --zero-shot labels.txt --seed-topics seeds.txt --labels-field team --output out",
                "  topicj fit --input docs.txt --embedder openai:text-embedding-3-small --output out   (embeddings cached in .topicj-cache/)",
                "  topicj fit --input docs.txt --llm-labels openai:qwen3 --llm-option base_url=http://127.0.0.1:8080/v1 --output out"})
final class FitCommand implements Callable<Integer> {

    @ParentCommand
    TopicjCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    BackendOptions backend;

    @Mixin
    TopicWordOptions words;

    @Mixin
    FitAnalysisOptions analysis;

    @Mixin
    GuidanceOptions guidance;

    @Mixin
    LlmLabelOptions llm;

    @ArgGroup(exclusive = true)
    EmbeddingSource source;

    static final class EmbeddingSource {
        @Option(names = "--embedder", paramLabel = "KEY", description = "Embedding backend key (default: all-MiniLM-L6-v2).")
        String embedder;

        @Option(names = "--embeddings", paramLabel = "E.npy", description = "Precomputed embeddings, one row per document.")
        Path embeddings;
    }

    @Option(names = "--min-topic-size", paramLabel = "N", defaultValue = "10", description = "Smallest topic (default: ${DEFAULT-VALUE}).")
    int minTopicSize;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed; the same seed gives the same topics.")
    Long seed;

    @Option(names = "--labels", paramLabel = "LABELS.npy",
            description = "Manual topics: an int32 label per document (-1 = outlier); skips UMAP and HDBSCAN.")
    Path labels;

    @Option(names = "--reduce-outliers", paramLabel = "c-tf-idf|embeddings|probabilities",
            description = "Give outlier documents their closest topic (BERTopic's reduce_outliers), and describe topics again.")
    String reduceOutliers;

    @Option(names = "--outlier-threshold", paramLabel = "T", defaultValue = "0",
            description = "Smallest score for --reduce-outliers to move a document (default: ${DEFAULT-VALUE}).")
    double outlierThreshold;

    @Option(names = "--id-field", paramLabel = "NAME", description = "JSONL field or CSV column copied into documents.jsonl as \"id\".")
    String idField;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the results.")
    Path output;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        TopicModel.OutlierStrategy strategy = strategy(cmd);
        analysis.check(cmd);
        llm.check(cmd, words.representation(cmd) != null);
        guidance.check(cmd, labels == null && (source == null || source.embeddings == null), labels != null);
        OutputFiles outputs = new OutputFiles(spec, root.stdout);
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--input", input.file());
        inputs.put("--embeddings", source == null ? null : source.embeddings);
        inputs.put("--labels", labels);
        inputs.putAll(guidance.inputs());
        outputs.refuseInputsIn(output, ResultFiles.FIT_ENTRIES, inputs);
        input.stdin = root.stdin;
        List<String> fields = new ArrayList<>(analysis.fields());
        fields.addAll(guidance.fields());
        if (idField != null) {
            fields.add(idField);
        }
        DocumentReader.Documents read = input.read(fields);
        List<String> docs = read.texts();
        Timestamps timestamps = analysis.timestamps(read, input.name());
        List<String> classes = analysis.classes(read, input.name());
        PartialLabels partial = guidance.partialLabels(read, input.name());
        long start = System.nanoTime();
        TopicModeler.Builder b = TopicModeler.builder().minTopicSize(minTopicSize).vectorizer(words.vectorizer(cmd, docs))
                .calculateProbabilities(strategy == TopicModel.OutlierStrategy.PROBABILITIES);
        if (words.representation(cmd) != null) {
            b.representation(words.representation(cmd));
        }
        if (seed != null) {
            b.seed(seed);
        }
        analysis.configure(cmd, b);
        guidance.configure(b);
        DenseMatrix given = source != null && source.embeddings != null ? rows(Npy.readMatrix(source.embeddings), docs.size()) : null;
        if (given == null && labels == null) {
            String key = source != null && source.embedder != null ? source.embedder : org.topicj.registry.Embedders.defaultKey();
            b.embedderKey(key, backend.forKey(key, output));
        }
        TopicModel model;
        FitAnalysisOptions.Analyses analyses;
        try (ProgressBar bar = ProgressBar.create(cmd.getErr(), root.quiet || root.json);
             OpenAiTopicLabels labeller = llm.open(cmd, backend.remoteCache(output))) {
            if (labeller != null) {
                b.representation(labeller);
            }
            b.progress(bar);
            if (labels != null) {
                model = b.build().fit(docs, Npy.readInts(labels));
            } else if (partial != null) {
                model = given != null ? b.build().fit(docs, given, partial) : b.build().fit(docs, partial);
            } else if (given != null) {
                model = b.build().fit(docs, given);
            } else {
                model = b.build().fit(docs);
            }
            if (strategy != null) {
                DenseMatrix e = strategy == TopicModel.OutlierStrategy.EMBEDDINGS
                        ? given != null ? given : model.embed(docs, bar).toDense() : null;
                model = replaced(model, model.withOutliersReduced(docs, e, strategy, outlierThreshold));
            }
            analyses = analysis.analyse(model, docs, timestamps, classes, labeller == null, bar);
        }
        try (TopicModel fitted = model) {
            ResultFiles.writeFitOutputs(output, fitted, "Topics of " + input.name().getFileName(), docs,
                    idField == null ? null : read.field(idField), analyses);
            summarise(fitted, docs.size(), (System.nanoTime() - start) / 1e9);
        }
        return ExitCodes.OK;
    }

    /** Closes a model a derived one replaces (the derived one shares its embedder, which stays open). */
    private static TopicModel replaced(TopicModel old, TopicModel derived) {
        if (derived != old) {
            old.close();
        }
        return derived;
    }

    private void summarise(TopicModel model, int documents, double seconds) {
        long outliers = model.documentInfo().stream().filter(a -> a.topic() < 0).count();
        StringBuilder human = new StringBuilder(String.format("%d documents: %d topics, %d outliers, in %.1f s: %s", documents,
                model.topicCount(), outliers, seconds, output));
        human.append(System.lineSeparator()).append("  topic words: stop words ").append(words.stopWordsUsed);
        model.topics().stream().filter(t -> t.id() >= 0).limit(5)
                .forEach(t -> human.append(System.lineSeparator()).append(String.format("  %s (%d)", t.name(), t.count())));
        Summary.of(root, spec).put("documents", documents).put("topics", model.topicCount()).put("outliers", outliers)
                .put("seconds", seconds).put("stopWords", words.stopWordsUsed).put("output", output.toString())
                .print(human.toString());
    }

    private TopicModel.OutlierStrategy strategy(CommandLine cmd) {
        if (reduceOutliers == null) {
            return null;
        }
        return switch (reduceOutliers.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "c-tf-idf", "ctfidf" -> TopicModel.OutlierStrategy.C_TF_IDF;
            case "embeddings" -> TopicModel.OutlierStrategy.EMBEDDINGS;
            case "probabilities" -> TopicModel.OutlierStrategy.PROBABILITIES;
            default -> throw new CommandLine.ParameterException(cmd, "--reduce-outliers must be c-tf-idf, embeddings or "
                    + "probabilities, got '" + reduceOutliers + "'");
        };
    }

    private DenseMatrix rows(DenseMatrix e, int documents) {
        if (e.rows() != documents) {
            throw new IllegalArgumentException(source.embeddings + " has " + e.rows() + " rows but " + input.name() + " has "
                    + documents + " documents; give one embedding per document, in order");
        }
        return e;
    }
}
