package org.topicj.clip;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.ModelNotFoundException;
import org.topicj.spi.support.HubFiles;

/**
 * A CLIP export on disk, in the layouts Hugging Face's ONNX exporters write: {@code model.onnx}
 * (one graph), or {@code text_model.onnx} and {@code vision_model.onnx}, at the folder's root or
 * under {@code onnx/}; {@code tokenizer.json}; {@code preprocessor_config.json} (OpenAI's CLIP
 * preprocessing at the graph's size when absent); {@code config.json} or {@code tokenizer_config.json}
 * for the text length (77 when neither says).
 *
 * @param folder the folder
 * @param combined the single graph, if the export has one
 * @param textGraph the text graph of a split export
 * @param visionGraph the vision graph of a split export
 * @param tokenizer the tokenizer file
 * @param preprocessorConfig the preprocessing file, if present
 * @param maxTextLength tokens per text, start and end tokens included
 */
record ClipFolder(Path folder, Optional<Path> combined, Path textGraph, Path visionGraph, Path tokenizer,
                  Optional<Path> preprocessorConfig, int maxTextLength) {
    static final int CLIP_TEXT_LENGTH = 77;

    static ClipFolder read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ModelNotFoundException("CLIP model folder " + folder + " does not exist");
        }
        Path tokenizer = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new BackendInitializationException("CLIP model folder " + folder + " has no tokenizer.json; export the "
                    + "model with 'optimum-cli export onnx --model openai/clip-vit-base-patch32 DIR', which writes it");
        }
        Optional<Path> combined = find(folder, "model.onnx");
        Optional<Path> text = find(folder, "text_model.onnx");
        Optional<Path> vision = find(folder, "vision_model.onnx");
        if (combined.isEmpty() && (text.isEmpty() || vision.isEmpty())) {
            throw new BackendInitializationException("CLIP model folder " + folder + " has no ONNX graph: expected "
                    + "model.onnx, or text_model.onnx and vision_model.onnx (at its root or under onnx/)"
                    + (text.isPresent() ? "; text_model.onnx is there but vision_model.onnx is not"
                    : vision.isPresent() ? "; vision_model.onnx is there but text_model.onnx is not" : ""));
        }
        Path pre = folder.resolve("preprocessor_config.json");
        return new ClipFolder(folder, combined, text.orElse(null), vision.orElse(null), tokenizer,
                Files.isRegularFile(pre) ? Optional.of(pre) : Optional.empty(), textLength(folder));
    }

    /** @return the image processor the folder describes */
    ClipImageProcessor processor() {
        try {
            return preprocessorConfig.isPresent() ? ClipImageProcessor.read(preprocessorConfig.get())
                    : ClipImageProcessor.openAiDefaults(224);
        } catch (IOException | IllegalArgumentException e) {
            throw new BackendInitializationException("cannot use " + preprocessorConfig.orElse(folder) + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> find(Path folder, String name) {
        for (Path p : new Path[] {folder.resolve(name), folder.resolve("onnx").resolve(name)}) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static int textLength(Path folder) {
        int limit = HubFiles.json(folder.resolve("config.json"))
                .map(c -> c.path("text_config").path("max_position_embeddings"))
                .filter(JsonNode::canConvertToInt).map(JsonNode::asInt).orElse(Integer.MAX_VALUE);
        limit = Math.min(limit, HubFiles.tokenizerMaxLength(folder).orElse(Integer.MAX_VALUE));
        return limit == Integer.MAX_VALUE ? CLIP_TEXT_LENGTH : limit;
    }
}
