package org.topicj.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An advisory lock on a folder that TopicJ writes whole, shared between threads and processes: the
 * hidden file {@code .NAME.lock} beside the folder is locked with the operating system's file lock
 * (exclusive to replace the folder, shared to read it), and threads of one JVM queue on a
 * read/write lock first (the OS lock is per process). The lock file stays behind; deleting it while
 * another process waits on it would let two writers in.
 *
 * <p>Thread-safety: safe. Use with try-with-resources.
 */
public final class FolderLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantReadWriteLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantReadWriteLock.ReadLock readLock;
    private final ReentrantReadWriteLock.WriteLock writeLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private FolderLock(ReentrantReadWriteLock.ReadLock r, ReentrantReadWriteLock.WriteLock w, FileChannel ch, FileLock fl) {
        this.readLock = r;
        this.writeLock = w;
        this.channel = ch;
        this.fileLock = fl;
    }

    /**
     * @param folder a folder that may not exist yet
     * @return the lock file that guards it
     */
    public static Path lockFile(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        Path parent = abs.getParent() == null ? abs : abs.getParent();
        return parent.resolve("." + abs.getFileName() + ".lock");
    }

    /**
     * Waits for and takes the exclusive lock: no other writer or reader holds the folder meanwhile.
     *
     * @param folder the folder
     * @return the held lock
     * @throws UncheckedIOException if the lock file cannot be created
     */
    public static FolderLock exclusive(Path folder) {
        ReentrantReadWriteLock rw = IN_JVM.computeIfAbsent(lockFile(folder), p -> new ReentrantReadWriteLock());
        rw.writeLock().lock();
        try {
            Path file = lockFile(folder);
            Files.createDirectories(file.getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new FolderLock(null, rw.writeLock(), ch, ch.lock());
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            rw.writeLock().unlock();
            throw new UncheckedIOException("cannot lock " + folder + " for writing (lock file " + lockFile(folder) + "): "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            rw.writeLock().unlock();
            throw e;
        }
    }

    /**
     * Waits for and takes the shared lock: readers run together, never during a swap. Where the lock
     * file cannot be created (a read-only location), only the in-JVM lock is taken: no TopicJ process
     * can be writing there.
     *
     * @param folder the folder
     * @return the held lock
     */
    public static FolderLock shared(Path folder) {
        ReentrantReadWriteLock rw = IN_JVM.computeIfAbsent(lockFile(folder), p -> new ReentrantReadWriteLock());
        rw.readLock().lock();
        Path file = lockFile(folder);
        FileChannel ch = null;
        try {
            ch = Files.isDirectory(file.getParent()) ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ) : null;
            return new FolderLock(rw.readLock(), null, ch, ch == null ? null : ch.lock(0, Long.MAX_VALUE, true));
        } catch (FileSystemException | java.nio.file.ReadOnlyFileSystemException readOnly) {
            closeQuietly(ch);
            return new FolderLock(rw.readLock(), null, null, null);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            rw.readLock().unlock();
            throw new UncheckedIOException("cannot lock " + folder + " for reading: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    @Override
    public void close() {
        try {
            if (fileLock != null) {
                fileLock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        } finally {
            closeQuietly(channel);
            if (writeLock != null) {
                writeLock.unlock();
            } else {
                readLock.unlock();
            }
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }
}
