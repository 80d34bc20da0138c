package org.topicj.spark;

import java.io.IOException;
import java.nio.file.Path;
import org.topicj.io.ModelFiles;

/** Deleting temporary folders. */
final class Folders {
    private Folders() {
    }

    /** Deletes a folder and its contents; leaves what cannot be deleted. */
    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            ModelFiles.deleteTree(dir);
        } catch (IOException e) {
            // Temporary files; the OS cleans them eventually.
        }
    }
}
