package org.topicj.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.topicj.io.CorruptModelException;

/**
 * Loads fitted stages by the {@code type} a saved topic model recorded for them. The built-in types
 * are {@code umap}, {@code pca}, {@code none}, {@code hdbscan}, {@code kmeans} and
 * {@code given-labels}; a custom stage registers its loader once, before models that use it are
 * loaded. Loading only reads files: nothing a model names is executed.
 *
 * <p>Thread-safety: safe.
 */
public final class Stages {
    private static final Map<String, Function<Path, FittedReducer>> REDUCERS = new ConcurrentHashMap<>(Map.of(
            UmapReducer.Fitted.TYPE, UmapReducer.Fitted::load,
            PcaReducer.Fitted.TYPE, PcaReducer.Fitted::load,
            NoReduction.Fitted.TYPE, NoReduction.Fitted::load));
    private static final Map<String, Function<Path, FittedClusterer>> CLUSTERERS = new ConcurrentHashMap<>(Map.of(
            HdbscanClusterer.Fitted.TYPE, HdbscanClusterer.Fitted::load,
            KMeansClusterer.Fitted.TYPE, KMeansClusterer.Fitted::load,
            GivenLabels.Fitted.TYPE, GivenLabels.Fitted::load));

    private Stages() {
    }

    /**
     * @param type the name a custom {@link FittedReducer#type()} returns
     * @param loader reads what its {@code save} wrote
     * @throws IllegalArgumentException if the type is taken
     */
    public static void registerReducer(String type, Function<Path, FittedReducer> loader) {
        if (REDUCERS.putIfAbsent(Objects.requireNonNull(type), Objects.requireNonNull(loader)) != null) {
            throw new IllegalArgumentException("a reducer type '" + type + "' is already registered");
        }
    }

    /**
     * @param type the name a custom {@link FittedClusterer#type()} returns
     * @param loader reads what its {@code save} wrote
     * @throws IllegalArgumentException if the type is taken
     */
    public static void registerClusterer(String type, Function<Path, FittedClusterer> loader) {
        if (CLUSTERERS.putIfAbsent(Objects.requireNonNull(type), Objects.requireNonNull(loader)) != null) {
            throw new IllegalArgumentException("a clusterer type '" + type + "' is already registered");
        }
    }

    /**
     * @param type the recorded type
     * @param dir the stage's folder
     * @return the fitted reducer
     * @throws CorruptModelException for an unknown type, naming the known ones
     */
    public static FittedReducer loadReducer(String type, Path dir) {
        Function<Path, FittedReducer> loader = REDUCERS.get(type);
        if (loader == null) {
            throw new CorruptModelException(dir, "reducer", "unknown reducer type '" + type + "'; known: "
                    + new java.util.TreeSet<>(REDUCERS.keySet()) + " (a custom stage must be registered with Stages.registerReducer)");
        }
        return loader.apply(dir);
    }

    /**
     * @param type the recorded type
     * @param dir the stage's folder
     * @return the fitted clusterer
     * @throws CorruptModelException for an unknown type, naming the known ones
     */
    public static FittedClusterer loadClusterer(String type, Path dir) {
        Function<Path, FittedClusterer> loader = CLUSTERERS.get(type);
        if (loader == null) {
            throw new CorruptModelException(dir, "clusterer", "unknown clusterer type '" + type + "'; known: "
                    + new java.util.TreeSet<>(CLUSTERERS.keySet()) + " (a custom stage must be registered with Stages.registerClusterer)");
        }
        return loader.apply(dir);
    }
}
