package org.topicj.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.topicj.embed.BackendInitializationException;
import org.topicj.spi.support.HubFiles;

/**
 * A transformer exported for TopicJ's {@code hf} backend: a TorchScript file, {@code tokenizer.json},
 * and the model's limits from {@code config.json} ({@code max_position_embeddings}, less RoBERTa's two
 * offset positions) and {@code tokenizer_config.json} ({@code model_max_length}). The layout DJL's
 * converter writes is read too: {@code serving.properties} names the file ({@code option.modelName})
 * and may set {@code pooling}, {@code normalize}, {@code maxLength} and {@code includeTokenTypes}.
 *
 * @param folder the folder
 * @param torchScript the {@code .pt} file
 * @param tokenizer the {@code tokenizer.json}
 * @param maxLength the most tokens the model takes, special tokens included
 * @param pooling pooling named by the folder ({@code mean} or {@code cls}), if any
 * @param normalize normalisation named by the folder, if any
 * @param tokenTypes whether the folder says the model takes {@code token_type_ids}, if it says
 */
record TorchScriptFolder(Path folder, Path torchScript, Path tokenizer, int maxLength, Optional<String> pooling,
                         Optional<Boolean> normalize, Optional<Boolean> tokenTypes) {
    private static final Set<String> ROBERTA_LIKE = Set.of("roberta", "xlm-roberta", "camembert", "longformer", "bart");
    /** Used when neither config.json nor serving.properties states a limit: BERT's. */
    static final int DEFAULT_MAX_LENGTH = 512;

    /**
     * Reads a folder.
     *
     * @param folder the model folder
     * @param torchScriptFile the {@code torchscript_file} option, or {@code null} to find it
     * @return what the folder holds
     */
    static TorchScriptFolder read(Path folder, String torchScriptFile) {
        Properties serving = properties(folder.resolve("serving.properties"));
        Path pt = torchScript(folder, torchScriptFile, serving.getProperty("option.modelName"));
        Path tokenizer = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new BackendInitializationException("model folder " + folder + " has no tokenizer.json; save the fast "
                    + "tokenizer beside the TorchScript file (AutoTokenizer.from_pretrained(ID).save_pretrained(DIR))");
        }
        int maxLength = maxLength(folder, serving);
        return new TorchScriptFolder(folder, pt, tokenizer, maxLength,
                Optional.ofNullable(serving.getProperty("pooling")).map(p -> p.toLowerCase(Locale.ROOT)),
                Optional.ofNullable(serving.getProperty("normalize")).map(Boolean::parseBoolean),
                Optional.ofNullable(serving.getProperty("includeTokenTypes")).map(Boolean::parseBoolean));
    }

    /**
     * @param folder a model folder
     * @return whether it holds a TorchScript export (a {@code .pt} file, or DJL's serving.properties)
     */
    static boolean holdsTorchScript(Path folder) {
        if (Files.isRegularFile(folder.resolve("serving.properties"))) {
            return true;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".pt") && Files.isRegularFile(p));
        } catch (IOException e) {
            throw new BackendInitializationException("cannot list model folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Path torchScript(Path folder, String option, String servingName) {
        if (option != null) {
            Path p = folder.resolve(option);
            if (!Files.isRegularFile(p)) {
                throw new BackendInitializationException("model folder " + folder + " has no TorchScript file '" + option
                        + "' (option torchscript_file)");
            }
            return p;
        }
        if (servingName != null && Files.isRegularFile(folder.resolve(servingName + ".pt"))) {
            return folder.resolve(servingName + ".pt");
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(folder)) {
            candidates = files.filter(p -> p.getFileName().toString().endsWith(".pt") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new BackendInitializationException("cannot list model folder " + folder + ": " + e.getMessage(), e);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new BackendInitializationException("model folder " + folder + " has no TorchScript file (*.pt); trace "
                    + "the model with torch.jit.trace(model, (input_ids, attention_mask)) after loading it with "
                    + "torchscript=True, and save it there (or convert it with DJL's djl-convert)");
        }
        throw new BackendInitializationException("model folder " + folder + " has several TorchScript files "
                + candidates.stream().map(p -> p.getFileName().toString()).toList()
                + "; choose one with the option torchscript_file=NAME.pt");
    }

    private static int maxLength(Path folder, Properties serving) {
        int limit = Integer.MAX_VALUE;
        JsonNode config = HubFiles.json(folder.resolve("config.json")).orElse(null);
        if (config != null && config.path("max_position_embeddings").canConvertToInt()) {
            int positions = config.get("max_position_embeddings").asInt();
            // RoBERTa-family models reserve two positions for their padding offset.
            limit = ROBERTA_LIKE.contains(config.path("model_type").asText("")) ? positions - 2 : positions;
        }
        limit = Math.min(limit, HubFiles.tokenizerMaxLength(folder).orElse(Integer.MAX_VALUE));
        if (serving.getProperty("maxLength") != null) {
            limit = Math.min(limit, Integer.parseInt(serving.getProperty("maxLength").trim()));
        }
        return limit == Integer.MAX_VALUE ? DEFAULT_MAX_LENGTH : limit;
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new BackendInitializationException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }
}
