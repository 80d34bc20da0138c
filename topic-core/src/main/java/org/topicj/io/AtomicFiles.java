package org.topicj.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader sees either the old content or the complete new content, never a
 * half-written file: the content goes to a hidden temporary file beside the target, which is then
 * moved over it. A failure deletes the temporary file and leaves the target as it was.
 *
 * <p>Thread-safety: stateless; concurrent writes to one target leave one complete version.
 */
public final class AtomicFiles {

    /** Writes content to a stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the stream to write to; buffered, and closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code file}, creating parent folders as needed.
     *
     * @param file the target; replaced if it exists
     * @param content what to write
     * @throws UncheckedIOException if writing fails; the target is then unchanged
     */
    public static void write(Path file, Content content) {
        Staged staged = stage(file, content);
        try {
            staged.commit();
        } finally {
            staged.discard();
        }
    }

    /**
     * A file written to a hidden temporary beside its target and not yet moved into place: several
     * outputs can be staged first and committed only when all succeeded.
     *
     * @param temp the written temporary file
     * @param target where {@link #commit()} moves it
     */
    public record Staged(Path temp, Path target) {
        /** Moves the file into place, replacing the target. @throws UncheckedIOException if the move fails */
        public void commit() {
            try {
                moveIntoPlace(temp, target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        /** Deletes the temporary file; the target is untouched. */
        public void discard() {
            deleteQuietly(temp);
        }
    }

    /**
     * Writes {@code content} to a hidden temporary file beside {@code file}, without touching {@code file}.
     *
     * @param file the eventual target
     * @param content what to write
     * @return the staged file; commit or discard it
     * @throws UncheckedIOException if writing fails; nothing is left behind
     */
    public static Staged stage(Path file, Content content) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            readableByAll(tmp);
            Staged staged = new Staged(tmp, target);
            tmp = null;
            return staged;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Temporary files are created owner-only; results should have the usual rw-r--r--. */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and named after its target
            }
        }
    }
}
