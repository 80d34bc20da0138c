package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.topicj.embed.BackendInitializationException;
import org.topicj.spi.support.HubFiles;
import org.topicj.spi.support.SafeTensors;

/**
 * A model's weights, read from {@code model.safetensors} or the shards that
 * {@code model.safetensors.index.json} lists (never from pickled {@code .bin} files), into
 * NDArrays of one {@link Precision} on one device. Each tensor is converted once, when an
 * architecture asks for it. Names are looked up under a prefix found from an anchor tensor, so a
 * base model saved inside a task model ({@code bert.embeddings...}, {@code model.layers...}) loads too.
 *
 * <p>Thread-safety: loading is meant for one thread; the loaded arrays may then be read by many.
 * Closing frees every array loaded.
 */
public final class Weights implements AutoCloseable {
    private final Map<String, SafeTensors> byName;
    private final List<SafeTensors> files;
    private final NDManager manager;
    private final Precision precision;
    private final String prefix;
    private final Cast cast;

    private Weights(Map<String, SafeTensors> byName, List<SafeTensors> files, NDManager manager, Precision precision,
                    String prefix, Cast cast) {
        this.byName = byName;
        this.files = files;
        this.manager = manager;
        this.precision = precision;
        this.prefix = prefix;
        this.cast = cast;
    }

    /**
     * Opens a folder's safetensors files.
     *
     * @param folder the model folder
     * @param manager where loaded arrays live (its device is the model's); closed with these weights
     * @param precision the type arrays are converted to
     * @return the weights, with no prefix yet
     * @throws BackendInitializationException if the folder has no safetensors weights
     */
    public static Weights open(Path folder, NDManager manager, Precision precision) {
        List<Path> paths = weightFiles(folder);
        Map<String, SafeTensors> byName = new LinkedHashMap<>();
        List<SafeTensors> files = new ArrayList<>();
        try {
            for (Path p : paths) {
                SafeTensors st = SafeTensors.open(p);
                files.add(st);
                for (String name : st.names().keySet()) {
                    byName.putIfAbsent(name, st);
                }
            }
            return new Weights(byName, files, manager, precision, "", Cast.to(precision));
        } catch (RuntimeException e) {
            files.forEach(SafeTensors::close);
            throw e;
        }
    }

    private static List<Path> weightFiles(Path folder) {
        Path single = folder.resolve("model.safetensors");
        if (Files.isRegularFile(single)) {
            return List.of(single);
        }
        Path index = folder.resolve("model.safetensors.index.json");
        if (Files.isRegularFile(index)) {
            JsonNode map = HubFiles.json(index).orElseThrow().path("weight_map");
            TreeSet<String> shards = new TreeSet<>();
            map.properties().forEach(e -> shards.add(e.getValue().asText()));
            if (shards.isEmpty()) {
                throw new BackendInitializationException(index + " lists no shards in its weight_map");
            }
            List<Path> out = new ArrayList<>();
            for (String s : shards) {
                Path p = folder.resolve(s);
                if (!Files.isRegularFile(p)) {
                    throw new BackendInitializationException(index + " names shard " + s + ", which is not in " + folder);
                }
                out.add(p);
            }
            return out;
        }
        boolean pickled;
        try (Stream<Path> s = Files.list(folder)) {
            pickled = s.anyMatch(p -> p.getFileName().toString().endsWith(".bin"));
        } catch (IOException e) {
            throw new BackendInitializationException("cannot list model folder " + folder + ": " + e.getMessage(), e);
        }
        throw new BackendInitializationException("model folder " + folder + " has no model.safetensors (nor "
                + "model.safetensors.index.json)" + (pickled ? "; its pytorch_model.bin is a pickle, which TopicJ does "
                + "not load (it can run code): convert it once with AutoModel.from_pretrained(DIR).save_pretrained(DIR, "
                + "safe_serialization=True)" : ""));
    }

    /**
     * Finds the prefix under which the base model's tensors are stored.
     *
     * @param anchor a tensor every model of the family has, e.g. {@code embeddings.word_embeddings.weight}
     * @return weights that resolve names under that prefix
     * @throws BackendInitializationException if no tensor ends with the anchor
     */
    public Weights under(String anchor) {
        String best = null;
        for (String name : byName.keySet()) {
            if (name.equals(anchor) || name.endsWith("." + anchor)) {
                String p = name.substring(0, name.length() - anchor.length());
                if (best == null || p.length() < best.length()) {
                    best = p;
                }
            }
        }
        if (best == null) {
            throw new BackendInitializationException("the weights have no tensor '" + anchor + "' (under any prefix); "
                    + "are they this architecture's? " + byName.size() + " tensors, e.g. "
                    + byName.keySet().stream().limit(6).toList());
        }
        return new Weights(byName, files, manager, precision, best, cast);
    }

    /** @return the manager loaded arrays live in */
    public NDManager manager() {
        return manager;
    }

    /** @return the precision arrays are converted to */
    public Precision precision() {
        return precision;
    }

    /** @return the cast to this precision */
    Cast cast() {
        return cast;
    }

    /** @param name a tensor name under the prefix @return whether it exists */
    public boolean has(String name) {
        return byName.containsKey(prefix + name);
    }

    /**
     * @param name a tensor name under the prefix
     * @param shape the shape it must have
     * @return it, in this precision
     * @throws BackendInitializationException if it is missing or has another shape
     */
    public NDArray get(String name, long... shape) {
        return load(name, shape, precision.dataType());
    }

    /**
     * @param name a tensor name under the prefix
     * @param shape the shape it must have
     * @return it in float32 (norm weights, position tables)
     */
    public NDArray float32(String name, long... shape) {
        return load(name, shape, DataType.FLOAT32);
    }

    /**
     * @param name a tensor name under the prefix
     * @param shape the shape it must have
     * @return its values as floats, checked against the shape
     */
    public float[] floats(String name, long... shape) {
        String full = prefix + name;
        SafeTensors st = byName.get(full);
        if (st == null) {
            throw missing(full);
        }
        SafeTensors.Tensor t = st.tensor(full);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new BackendInitializationException(st.file() + ": tensor '" + full + "' has shape "
                    + Arrays.toString(t.shape()) + ", but config.json implies " + Arrays.toString(shape));
        }
        return t.values();
    }

    private NDArray load(String name, long[] shape, DataType type) {
        float[] values = floats(name, shape);
        NDArray a = manager.create(values, new Shape(shape));
        if (type == DataType.FLOAT32) {
            return a;
        }
        NDArray converted = cast.model(a);
        a.close();
        return converted;
    }

    /**
     * @param shape a shape
     * @return zeros in this precision (a norm without bias)
     */
    public NDArray zeros(long... shape) {
        NDArray z = manager.zeros(new Shape(shape), DataType.FLOAT32);
        return precision == Precision.FLOAT32 ? z : cast.model(z);
    }

    private BackendInitializationException missing(String full) {
        String family = full.contains(".") ? full.substring(0, full.lastIndexOf('.')) : full;
        List<String> near = byName.keySet().stream().filter(n -> n.startsWith(family.substring(0, Math.max(0, family.lastIndexOf('.')))))
                .limit(6).toList();
        return new BackendInitializationException("the weights have no tensor '" + full + "'"
                + (near.isEmpty() ? "" : "; near it: " + near) + ". Does config.json match the weights?");
    }

    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            try {
                cast.close();
            } finally {
                files.forEach(SafeTensors::close);
            }
        }
    }

    /** Closes the files once every tensor has been read; the loaded arrays stay. */
    public void closeFiles() {
        files.forEach(SafeTensors::close);
    }
}
