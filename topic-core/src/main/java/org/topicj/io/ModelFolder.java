package org.topicj.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.topicj.TopicJException;

/**
 * Writes a folder whole or not at all, and reads it never half-replaced. A writer fills a staging
 * folder of its own (a unique hidden name beside the target), then, under the target's exclusive
 * {@link FolderLock}, moves the old folder aside, renames the staging folder into place and deletes
 * the old one; readers hold the shared lock, so they see the old folder or the new one, never a mix
 * or a gap. A failed or killed writer leaves the target as it was; its staging folder is removed, or,
 * after a kill, by the next writer.
 *
 * <p>Thread-safety: safe between threads and between processes on one file system.
 */
public final class ModelFolder {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    /** Writes the content of a folder into the (empty) folder it is given. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param staging an empty folder to fill
         * @throws IOException if writing fails
         */
        void writeTo(Path staging) throws IOException;
    }

    private ModelFolder() {
    }

    /**
     * Replaces {@code target} with what {@code writer} writes.
     *
     * @param target the folder
     * @param replaceable tells whether an existing target may be replaced (a folder of the same kind);
     *     an existing folder it rejects, or a file, is left alone and reported
     * @param writer fills the staging folder
     * @throws TopicJException if the target exists and may not be replaced
     * @throws UncheckedIOException if writing or swapping fails; the target is then unchanged
     */
    public static void replace(Path target, Predicate<Path> replaceable, Writer writer) {
        Path abs = target.toAbsolutePath().normalize();
        checkReplaceable(abs, replaceable);
        Path staging = sibling(abs, "staging");
        try {
            fill(abs, staging, writer);
            try (FolderLock lock = FolderLock.exclusive(abs)) {
                checkReplaceable(abs, replaceable);
                swap(staging, abs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * Replaces some entries of a folder as one: {@code writer} fills a staging folder with the new
     * entries (files and sub-folders), which then replace their namesakes in {@code dir} under the
     * folder's exclusive lock (sub-folders under their own lock too), so that after concurrent
     * writers every entry comes from the same one, and a reader holding the folder's shared lock
     * never sees some entries old and some new. Other entries of {@code dir} are left alone.
     *
     * @param dir the folder, created if absent
     * @param writer fills the staging folder
     * @throws UncheckedIOException if writing or moving fails; then nothing was replaced if the staging failed
     */
    public static void replaceEntries(Path dir, Writer writer) {
        replaceEntries(dir, List.of(), writer);
    }

    /**
     * As {@link #replaceEntries(Path, Writer)}, and the entries named in {@code optional} that the
     * writer did not stage are removed from {@code dir} in the same step: a folder of results never
     * keeps an optional file from an earlier run beside the new ones.
     *
     * @param dir the folder, created if absent
     * @param optional names of entries a writer may or may not produce
     * @param writer fills the staging folder
     * @throws UncheckedIOException if writing or moving fails; then nothing was replaced if the staging failed
     */
    public static void replaceEntries(Path dir, java.util.Collection<String> optional, Writer writer) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new TopicJException(dir + " exists and is a file, not a folder; choose another path or remove it");
        }
        Path staging = sibling(abs, "staging");
        try {
            fill(abs, staging, writer);
            try (FolderLock lock = FolderLock.exclusive(abs)) {
                Files.createDirectories(abs);
                List<Path> entries;
                try (java.util.stream.Stream<Path> list = Files.list(staging)) {
                    entries = list.sorted().toList();
                }
                for (Path entry : entries) {
                    Path target = abs.resolve(entry.getFileName().toString());
                    if (Files.isDirectory(entry)) {
                        try (FolderLock inner = FolderLock.exclusive(target)) {
                            swap(entry, target);
                        }
                    } else {
                        moveReplacing(entry, target);
                    }
                }
                for (String name : optional) {
                    if (entries.stream().noneMatch(e -> e.getFileName().toString().equals(name))) {
                        Files.deleteIfExists(abs.resolve(name));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** Creates the writer's own staging folder beside the target (clearing dead writers' ones first) and fills it. */
    private static void fill(Path target, Path staging, Writer writer) throws IOException {
        Files.createDirectories(target.getParent());
        removeAbandoned(target);
        Files.createDirectory(staging);
        writer.writeTo(staging);
    }

    /**
     * Reads a folder under its shared lock, so a concurrent {@link #replace} is never seen half-done.
     *
     * @param folder the folder
     * @param reader reads it
     * @param <T> what it reads
     * @return what the reader returned
     */
    public static <T> T read(Path folder, Function<Path, T> reader) {
        try (FolderLock lock = FolderLock.shared(folder)) {
            return reader.apply(folder);
        }
    }

    /**
     * Moves {@code staging} into place as {@code target}, keeping the old target aside until the new
     * one is in. The caller holds the target's exclusive lock.
     *
     * @param staging a complete folder on the same file system
     * @param target where it goes
     * @throws IOException if a move fails; the old target is then put back
     */
    public static void swap(Path staging, Path target) throws IOException {
        if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            move(staging, target);
            return;
        }
        Path old = sibling(target, "old");
        move(target, old);
        try {
            move(staging, target);
        } catch (IOException e) {
            move(old, target);
            throw e;
        }
        deleteQuietly(old);
    }

    /**
     * @param folder a folder that may not exist
     * @return whether it is absent or empty
     */
    public static boolean absentOrEmpty(Path folder) {
        if (!Files.exists(folder)) {
            return true;
        }
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkReplaceable(Path target, Predicate<Path> replaceable) {
        if (Files.isSymbolicLink(target)) {
            throw new TopicJException(target + " is a symbolic link; give the folder itself, not a link to it");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new TopicJException(target + " exists and is a file, not a folder; choose another path or remove it");
        }
        if (!absentOrEmpty(target) && !replaceable.test(target)) {
            throw new TopicJException(target + " exists and holds files that are not a TopicJ model; choose another folder "
                    + "or empty it (TopicJ replaces only folders it wrote)");
        }
    }

    /** Hidden, unique per writer: {@code .NAME.KIND-PID-N}. */
    private static Path sibling(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + PID + "-" + SEQUENCE.incrementAndGet()
                + "-" + Long.toHexString(System.nanoTime()));
    }

    /** Staging and old folders of writers that died (their process is gone) are removed. */
    private static void removeAbandoned(Path target) throws IOException {
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, e -> e.getFileName().toString().startsWith(prefix))) {
            for (Path e : entries) {
                ownerPid(e.getFileName().toString().substring(prefix.length()))
                        .filter(pid -> pid != PID && ProcessHandle.of(pid).isEmpty())
                        .ifPresent(dead -> deleteQuietly(e));
            }
        }
    }

    private static Optional<Long> ownerPid(String rest) {
        String[] parts = rest.split("-");
        if (parts.length < 3 || !(parts[0].equals("staging") || parts[0].equals("old"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            ModelFiles.deleteTree(p);
        } catch (IOException ignored) {
            // a hidden leftover named after its target and writer; the next writer removes it
        }
    }
}
