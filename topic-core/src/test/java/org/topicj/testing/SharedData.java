package org.topicj.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared reference data ({@code ../shared/reference} beside the project root). Tests
 * that need it call {@link #reference(String)}, which skips the test (a JUnit assumption, with the
 * reason) on a fresh clone that has no {@code ../shared}.
 */
public final class SharedData {
    private SharedData() {
    }

    /** @return the shared folder: system property {@code topicj.shared.dir}, else {@code ../../shared} */
    public static Path sharedDir() {
        String configured = System.getProperty("topicj.shared.dir");
        return (configured != null ? Path.of(configured) : Path.of("..", "..", "shared")).toAbsolutePath().normalize();
    }

    /**
     * @param relative a path inside {@code shared/reference}, e.g. {@code "npy/f32_v1.npy"}
     * @return that file or folder; the calling test is skipped if it does not exist
     */
    public static Path reference(String relative) {
        Path p = sharedDir().resolve("reference").resolve(relative);
        assumeTrue(Files.exists(p), "skipped: shared reference data not found at " + p
                + " (it lives in ../shared beside the project root; a fresh clone does not have it)");
        return p;
    }
}
