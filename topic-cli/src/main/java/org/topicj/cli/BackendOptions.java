package org.topicj.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.topicj.registry.Embedders;
import org.topicj.spi.EmbedderProvider;
import picocli.CommandLine.Option;

/**
 * The embedder options every embedding command shares: backend options, and the on-disk cache that
 * remote backends get by default, so that an interrupted or failed run never pays twice.
 */
final class BackendOptions {
    /** The cache folder's name beside the output when none is given. */
    static final String DEFAULT_CACHE = ".topicj-cache";

    @Option(names = "--option", paramLabel = "NAME=VALUE", description = "A backend option; repeat for several.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache of remote embeddings (default for remote backends: " + DEFAULT_CACHE + " beside the output); "
                    + "a rerun sends only what is missing.")
    Path cache;

    @Option(names = "--no-cache", description = "Do not cache remote embeddings.")
    boolean noCache;

    /**
     * The options to open a key with: the given ones, plus {@code cache_dir} for a remote backend that
     * takes it, unless the cache is switched off or already set.
     *
     * @param key the embedder key
     * @param output the command's output (file or folder), next to which the default cache goes
     * @return the options
     */
    Map<String, String> forKey(String key, Path output) {
        Map<String, String> out = new LinkedHashMap<>(options);
        if (noCache || out.containsKey("cache_dir")) {
            return out;
        }
        EmbedderProvider provider = Embedders.registry().resolve(key);
        if (provider.remote() && provider.supportedOptions().contains("cache_dir")) {
            out.put("cache_dir", cacheFolder(output).toString());
        }
        return out;
    }

    /**
     * @param output the command's output
     * @return the cache folder for remote answers (embeddings, chat labels), or null with {@code --no-cache}
     */
    Path remoteCache(Path output) {
        return noCache ? null : cacheFolder(output);
    }

    private Path cacheFolder(Path output) {
        if (cache != null) {
            return cache;
        }
        Path base = output == null || OutputFiles.isStdout(output) ? Path.of("") : output.toAbsolutePath().getParent();
        return (base == null ? Path.of("") : base).resolve(DEFAULT_CACHE).toAbsolutePath();
    }
}
