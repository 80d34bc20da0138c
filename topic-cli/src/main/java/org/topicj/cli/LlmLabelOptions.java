package org.topicj.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.topicj.openai.OpenAiTopicLabels;
import org.topicj.spi.support.remote.RemoteOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code fit --llm-labels openai:MODEL}: topic labels from a chat model (BERTopic's
 * {@code representation.OpenAI}) through the OpenAI API or any OpenAI-compatible server; the labels
 * are cached with the embeddings ({@code --cache}, default {@code .topicj-cache} beside the output).
 */
final class LlmLabelOptions {
    private static final Set<String> NAMES = Set.of("base_url", "api_key", "nr_docs", "doc_length", "max_in_flight", "max_retries",
            "timeout_s", "temperature");

    @Option(names = "--llm-labels", paramLabel = "openai:MODEL",
            description = "Label each topic with a chat model, e.g. openai:gpt-4o-mini (OPENAI_API_KEY), or a local server's model "
                    + "with --llm-option base_url=http://127.0.0.1:8080/v1.")
    String key;

    @Option(names = "--llm-option", paramLabel = "NAME=VALUE",
            description = "For --llm-labels: base_url, api_key, nr_docs (4), doc_length, max_in_flight (2), max_retries (6), "
                    + "timeout_s (60), temperature.")
    Map<String, String> options = new LinkedHashMap<>();

    /** Checks the options before any work. */
    void check(CommandLine cmd, boolean otherRepresentation) {
        if (key == null) {
            if (!options.isEmpty()) {
                throw new CommandLine.ParameterException(cmd, "--llm-option needs --llm-labels");
            }
            return;
        }
        if (!key.startsWith("openai:") || key.length() == "openai:".length()) {
            throw new CommandLine.ParameterException(cmd, "--llm-labels takes openai:MODEL (any OpenAI-compatible chat server), got '"
                    + key + "'");
        }
        if (otherRepresentation) {
            throw new CommandLine.ParameterException(cmd, "--llm-labels and --representation exclude each other; choose one");
        }
        for (String name : options.keySet()) {
            if (!NAMES.contains(name)) {
                throw new CommandLine.ParameterException(cmd, "--llm-option " + name + " is not one of " + new java.util.TreeSet<>(NAMES));
            }
        }
    }

    /**
     * @param cmd for usage errors
     * @param cache the label cache folder, or null for none
     * @return the labeller (the caller closes it), or null without {@code --llm-labels}
     */
    OpenAiTopicLabels open(CommandLine cmd, Path cache) {
        if (key == null) {
            return null;
        }
        RemoteOptions d = RemoteOptions.defaults(1);
        RemoteOptions remote = d.withRetries(integer(cmd, "max_retries", d.maxRetries()), d.initialBackoff(), d.maxBackoff())
                .withMaxInFlight(integer(cmd, "max_in_flight", d.maxInFlight())).withCache(cache);
        OpenAiTopicLabels.Builder b = OpenAiTopicLabels.builder().model(key.substring("openai:".length())).remote(remote)
                .nrDocs(integer(cmd, "nr_docs", 4)).timeout(Duration.ofSeconds(integer(cmd, "timeout_s", 60)));
        if (options.containsKey("base_url")) {
            b.baseUrl(options.get("base_url"));
        }
        if (options.containsKey("api_key")) {
            b.apiKey(options.get("api_key"));
        }
        if (options.containsKey("doc_length")) {
            b.documentLength(integer(cmd, "doc_length", 0));
        }
        if (options.containsKey("temperature")) {
            try {
                b.temperature(Double.parseDouble(options.get("temperature")));
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(cmd, "--llm-option temperature must be a number, got '"
                        + options.get("temperature") + "'");
            }
        }
        return b.build();
    }

    private int integer(CommandLine cmd, String name, int fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(cmd, "--llm-option " + name + " must be a whole number, got '" + v + "'");
        }
    }
}
