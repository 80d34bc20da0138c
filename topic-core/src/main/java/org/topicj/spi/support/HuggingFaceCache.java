package org.topicj.spi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.topicj.embed.BackendInitializationException;

/**
 * The local Hugging Face cache, read the way {@code huggingface_hub} writes it, so models that Python
 * already fetched are used offline by every backend that loads Hub models. The root is
 * {@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else {@code XDG_CACHE_HOME/huggingface/hub}, else
 * {@code ~/.cache/huggingface/hub}; a model lives in {@code models--ORG--NAME/snapshots/COMMIT/}
 * with {@code refs/REVISION} naming the commit.
 *
 * <p>Thread-safety: immutable; reads only.
 */
public final class HuggingFaceCache {
    private final Function<String, String> env;

    /** @param env environment lookup ({@code System::getenv} in production, a map in tests) */
    public HuggingFaceCache(Function<String, String> env) {
        this.env = env;
    }

    /** @return the cache root this environment selects */
    public Path root() {
        String cache = env.apply("HF_HUB_CACHE");
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache);
        }
        String home = env.apply("HF_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home, "hub");
        }
        String xdg = env.apply("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "huggingface", "hub");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
    }

    /**
     * @param repoId a Hub repository id such as {@code BAAI/bge-small-en-v1.5}
     * @return the folder the cache keeps that repository in (it may not exist)
     */
    public Path repoFolder(String repoId) {
        return root().resolve("models--" + repoId.replace("/", "--"));
    }

    /**
     * The snapshot folder of a cached repository at a revision, if the repository is cached.
     *
     * @param repoId a Hub repository id
     * @param revision a branch, tag or commit; {@code null} for {@code main}
     * @return the snapshot folder, or empty if the repository is not in the cache
     * @throws BackendInitializationException if the repository is cached but the revision is ambiguous or missing
     */
    public Optional<Path> snapshot(String repoId, String revision) {
        Path repo = repoFolder(repoId);
        return Files.isDirectory(repo) ? Optional.of(snapshotOf(repo, revision == null ? "main" : revision)) : Optional.empty();
    }

    private static Path snapshotOf(Path repo, String revision) {
        Path snapshots = repo.resolve("snapshots");
        try {
            Path ref = repo.resolve("refs").resolve(revision);
            if (Files.isRegularFile(ref)) {
                Path p = snapshots.resolve(Files.readString(ref, StandardCharsets.UTF_8).trim());
                if (Files.isDirectory(p)) {
                    return p;
                }
            }
            if (Files.isDirectory(snapshots.resolve(revision))) {
                return snapshots.resolve(revision);
            }
            List<Path> all;
            try (Stream<Path> s = Files.list(snapshots)) {
                all = s.filter(Files::isDirectory).sorted().toList();
            }
            if (all.size() == 1) {
                return all.get(0);
            }
            throw new BackendInitializationException(repo + " has " + (all.isEmpty() ? "no snapshot" : all.size()
                    + " snapshots " + all.stream().map(p -> p.getFileName().toString()).toList())
                    + " and no refs/" + revision + "; choose one with the option revision=COMMIT");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Hugging Face cache at " + repo, e);
        }
    }
}
