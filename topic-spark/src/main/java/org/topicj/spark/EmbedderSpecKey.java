package org.topicj.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * An embedder key with its options, shipped to executors to open the same embedder there. Options
 * travel as given (credentials included, since executors need them too); {@link #toString()} shows
 * their names only, so a key never reaches Spark's logs or UI.
 *
 * @param key the registry key
 * @param options the options, sorted
 */
record EmbedderSpecKey(String key, TreeMap<String, String> options) implements Serializable {
    static EmbedderSpecKey of(String key, Map<String, String> options) {
        return new EmbedderSpecKey(key, new TreeMap<>(options));
    }

    @Override
    public String toString() {
        return key + (options.isEmpty() ? "" : " " + options.keySet());
    }
}
