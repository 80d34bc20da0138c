package org.topicj.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.topicj.io.CorruptModelException;

/**
 * Where the saved model of a {@code --model DIR} option is: {@code DIR/model} when DIR is the
 * {@code --output} folder of {@code topicj fit} or {@code topicj merge}, else DIR itself.
 *
 * <p>Thread-safety: stateless.
 */
final class SavedModels {
    /** The file that marks a saved model folder. */
    static final String MODEL_FILE = "topicj-model.json";

    private SavedModels() {
    }

    /**
     * @param model the folder the user gave
     * @return the folder holding the saved model
     * @throws CorruptModelException (exit code 2) if there is no saved model there
     */
    static Path folder(Path model) {
        Path dir = Files.isDirectory(model.resolve("model")) ? model.resolve("model") : model;
        if (!Files.exists(dir.resolve(MODEL_FILE))) {
            throw new CorruptModelException(dir.resolve(MODEL_FILE), null, "is missing: no saved topic model in "
                    + model + "; give the --output folder of 'topicj fit' or 'topicj merge'");
        }
        return dir;
    }
}
