package org.topicj.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.topicj.embed.Embedder;
import org.topicj.embed.StatefulEmbedder;
import org.topicj.io.CorruptModelException;
import org.topicj.io.ModelFiles;
import org.topicj.io.ModelFolder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.pipeline.FittedClusterer;
import org.topicj.pipeline.FittedReducer;
import org.topicj.pipeline.Stages;
import org.topicj.text.Vocabulary;

/**
 * The saved form of a topic model, a folder of data only: {@code topicj-model.json} (settings,
 * topics, vocabulary, the route for new documents, the embedder's key without credentials,
 * provenance, and a manifest of every other file with its size and SHA-256), {@code .npy} arrays
 * (float64 where values must come back exactly: idf and c-TF-IDF weights, probabilities), the soft
 * membership, and one folder per fitted stage. Written through {@link ModelFolder} (staged, locked,
 * swapped in whole); read under the shared lock and checked file by file before anything is used.
 */
final class ModelFormat {
    static final String FILE = "topicj-model.json";
    static final String FORMAT = "topicj-topic-model";
    static final int VERSION = 2;
    /** The folder of a fitted stateful embedder's state. */
    static final String EMBEDDER_DIR = "embedder";

    /** Writes files that belong with the model (an online model's learner state) into the staging folder. */
    @FunctionalInterface
    interface Extra {
        void writeTo(Path dir, ObjectNode json) throws IOException;
    }

    private ModelFormat() {
    }

    static void save(TopicModel model, Path dir) {
        save(model, dir, (d, j) -> { });
    }

    static void save(TopicModel model, Path dir, Extra extra) {
        ModelFolder.replace(dir, ModelFormat::isModelFolder, staging -> write(model, staging, extra));
    }

    /** @return whether a folder holds a saved topic model (of any version), so that saving may replace it */
    static boolean isModelFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE)) || Files.isRegularFile(dir.resolve(OnlineTopicModel.LEGACY_FILE));
    }

    private static void write(TopicModel model, Path dir, Extra extra) throws IOException {
        TopicModelData d = model.data();
        ObjectNode j = ModelFiles.object();
        j.put("format", FORMAT).put("version", VERSION);
        j.set("provenance", provenance(d.provenance()));
        if (d.embedderRef() != null) {
            ObjectNode e = j.putObject("embedder").put("key", d.embedderRef().key());
            ObjectNode eo = e.putObject("options");
            new TreeMap<>(d.embedderRef().options()).forEach(eo::put);
        }
        j.set("settings", SettingsJson.write(d.settings()));
        TopicWords w = d.words();
        ArrayNode ids = j.putArray("topicIds");
        for (int id : w.topicIdArray()) {
            ids.add(id);
        }
        ArrayNode terms = j.putArray("vocabulary");
        w.vocabulary().terms().forEach(terms::add);
        j.set("topics", ModelFiles.mapper().valueToTree(d.topics()));
        Npy.writeDoubles(dir.resolve("idf.npy"), w.idfArray());
        Npy.writeInts(dir.resolve("ctfidf_indptr.npy"), w.weights().indptr());
        Npy.writeInts(dir.resolve("ctfidf_indices.npy"), w.weights().indices());
        Npy.writeDoubles(dir.resolve("ctfidf_values.npy"), w.weights().values());
        Npy.writeInts(dir.resolve("document_topics.npy"), d.documentTopics());
        Npy.writeDoubles(dir.resolve("document_probabilities.npy"), d.documentProbabilities());
        if (d.membership() != null) {
            Npy.write(dir.resolve("membership.npy"), d.membership());
        }
        if (d.topicEmbeddings() != null) {
            Npy.write(dir.resolve("topic_embeddings.npy"), d.topicEmbeddings());
        }
        j.set("route", route(d.route(), dir));
        Embedder open = model.embedderHandle().ifOpen();
        if (open instanceof StatefulEmbedder stateful && stateful.isFitted()) {
            j.put("statefulEmbedder", stateful.spec());
            stateful.saveState(dir.resolve(EMBEDDER_DIR));
        }
        extra.writeTo(dir, j);
        j.set("files", manifest(dir));
        ModelFiles.writeJson(dir.resolve(FILE), j);
    }

    private static ObjectNode provenance(Provenance p) {
        ObjectNode j = ModelFiles.object().put("topicj", p.topicjVersion()).put("java", p.javaVersion())
                .put("created", p.created().toString()).put("documents", p.documents()).put("embeddingDimension", p.embeddingDimension());
        if (p.seed() != null) {
            j.put("seed", p.seed());
        }
        return j;
    }

    private static ObjectNode route(TopicRoute route, Path dir) {
        ObjectNode j = ModelFiles.object();
        if (route instanceof TopicRoute.Stages s) {
            j.put("type", "stages").put("reducer", s.reducer().type()).put("clusterer", s.clusterer().type());
            ArrayNode map = j.putArray("clusterToTopic");
            for (int t : s.clusterToTopic()) {
                map.add(t);
            }
            s.reducer().save(ModelFiles.mkdirs(dir.resolve("reducer")));
            s.clusterer().save(ModelFiles.mkdirs(dir.resolve("clusterer")));
        } else if (route instanceof TopicRoute.Embeddings) {
            j.put("type", "embeddings");
        } else {
            j.put("type", "ctfidf");
        }
        return j;
    }

    /** Every file under the folder but the descriptor: relative path, size and SHA-256. */
    private static ObjectNode manifest(Path dir) throws IOException {
        ObjectNode files = ModelFiles.object();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(FILE)) {
                    files.putObject(rel).put("bytes", Files.size(p)).put("sha256", sha256(p));
                }
            }
        }
        return files;
    }

    static TopicModel load(Path dir, LoadOptions options) {
        return ModelFolder.read(dir, d -> read(d, options));
    }

    private static TopicModel read(Path dir, LoadOptions options) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file) && Files.isRegularFile(dir.resolve(OnlineTopicModel.LEGACY_FILE))) {
            throw new CorruptModelException(file, null, "is missing: the folder holds an online topic model saved by an older TopicJ; "
                    + "load it with OnlineTopicModel.load and save it again");
        }
        JsonNode j = ModelFiles.readJson(file, FORMAT, VERSION);
        noLinks(dir);
        if (j.path("version").asInt() == 1) {
            return LegacyModelFormat.read(dir, j, options);
        }
        checkManifest(dir, ModelFiles.require(j, "files", file), options.verifyChecksums());
        noUnlistedFiles(dir, ModelFiles.require(j, "files", file));
        TopicModelData data = readData(dir, j, file);
        return new TopicModel(data, handle(data, dir, options));
    }

    private static TopicModelData readData(Path dir, JsonNode j, Path file) {
        TopicSettings settings = SettingsJson.read(ModelFiles.require(j, "settings", file), file);
        int[] topicIds = ModelChecks.topicIds(ModelFiles.requireArray(j, "topicIds", file), file);
        List<String> terms = ModelChecks.strings(ModelFiles.requireArray(j, "vocabulary", file), "vocabulary", file);
        TopicWords words = words(dir, settings, topicIds, terms);
        List<Topic> topics = ModelChecks.topics(ModelFiles.require(j, "topics", file), topicIds, file);
        int[] docTopics = Npy.readInts(ModelFiles.requireFile(dir.resolve("document_topics.npy")));
        double[] docProbs = Npy.readDoubles(ModelFiles.requireFile(dir.resolve("document_probabilities.npy")));
        ModelChecks.documents(docTopics, docProbs, topicIds, dir);
        int clustered = topicIds.length - (topicIds.length > 0 && topicIds[0] == -1 ? 1 : 0);
        DenseMatrix membership = optionalMatrix(dir.resolve("membership.npy"), docTopics.length, clustered, "membership");
        DenseMatrix topicEmbeddings = optionalMatrix(dir.resolve("topic_embeddings.npy"), topicIds.length, -1, "topic_embeddings");
        TopicRoute route = route(dir, ModelFiles.require(j, "route", file), topicIds, file);
        return new TopicModelData(settings, words, topics, docTopics, docProbs, membership, topicEmbeddings, route,
                embedderRef(j.path("embedder"), file), j.hasNonNull("statefulEmbedder") ? j.get("statefulEmbedder").asText() : null,
                provenance(j.path("provenance"), docTopics.length));
    }

    static TopicWords words(Path dir, TopicSettings settings, int[] topicIds, List<String> terms) {
        Vocabulary vocabulary = settings.vectorizer().vocabulary(terms);
        double[] idf = Npy.readDoubles(ModelFiles.requireFile(dir.resolve("idf.npy")));
        ModelChecks.length(idf.length, terms.size(), "idf", dir.resolve("idf.npy"));
        ModelChecks.finite(idf, "idf", dir.resolve("idf.npy"));
        int[] indptr = Npy.readInts(ModelFiles.requireFile(dir.resolve("ctfidf_indptr.npy")));
        int[] indices = Npy.readInts(ModelFiles.requireFile(dir.resolve("ctfidf_indices.npy")));
        double[] values = Npy.readDoubles(ModelFiles.requireFile(dir.resolve("ctfidf_values.npy")));
        ModelChecks.csr(indptr, indices, topicIds.length, terms.size(), dir.resolve("ctfidf_indptr.npy"));
        ModelChecks.length(values.length, indices.length, "ctfidf_values", dir.resolve("ctfidf_values.npy"));
        ModelChecks.finite(values, "ctfidf_values", dir.resolve("ctfidf_values.npy"));
        return new TopicWords(vocabulary, idf, settings.ctfidf(), settings.englishPreprocessing(), topicIds,
                new ClassTfidf.WeightedRows(topicIds.length, terms.size(), indptr, indices, values));
    }

    private static DenseMatrix optionalMatrix(Path file, int rows, int cols, String field) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        DenseMatrix m = Npy.readMatrix(ModelFiles.requireFile(file));
        ModelChecks.matrix(m, rows, cols, field, file);
        return m;
    }

    private static TopicRoute route(Path dir, JsonNode j, int[] topicIds, Path file) {
        String type = j.path("type").asText();
        if (type.equals("ctfidf")) {
            return new TopicRoute.Words();
        }
        if (type.equals("embeddings")) {
            if (!Files.exists(dir.resolve("topic_embeddings.npy"), LinkOption.NOFOLLOW_LINKS)) {
                throw new CorruptModelException(file, "route", "assigns by topic embeddings, but topic_embeddings.npy is missing");
            }
            return new TopicRoute.Embeddings();
        }
        if (!type.equals("stages")) {
            throw new CorruptModelException(file, "route", "unknown route type '" + type + "'; expected stages, ctfidf or embeddings");
        }
        FittedReducer reducer = Stages.loadReducer(ModelFiles.require(j, "reducer", file).asText(), dir.resolve("reducer"));
        FittedClusterer clusterer = Stages.loadClusterer(ModelFiles.require(j, "clusterer", file).asText(), dir.resolve("clusterer"));
        int[] clusterToTopic = ModelChecks.ints(ModelFiles.requireArray(j, "clusterToTopic", file), "clusterToTopic", file);
        ModelChecks.clusterToTopic(clusterToTopic, clusterer.clusters(), topicIds, file);
        return new TopicRoute.Stages(reducer, clusterer, clusterToTopic);
    }

    static EmbedderRef embedderRef(JsonNode e, Path file) {
        if (e.isMissingNode() || e.isNull()) {
            return null;
        }
        JsonNode key = e.path("key");
        if (!key.isTextual() || key.asText().isBlank()) {
            throw new CorruptModelException(file, "embedder.key", "expected the embedder's key as text");
        }
        Map<String, String> options = new TreeMap<>();
        for (Map.Entry<String, JsonNode> o : e.path("options").properties()) {
            if (!o.getValue().isTextual()) {
                throw new CorruptModelException(file, "embedder.options." + o.getKey(), "is not a string");
            }
            options.put(o.getKey(), o.getValue().asText());
        }
        return new EmbedderRef(key.asText(), options);
    }

    private static Provenance provenance(JsonNode p, long documents) {
        Instant created;
        try {
            created = p.hasNonNull("created") ? Instant.parse(p.get("created").asText()) : Instant.EPOCH;
        } catch (java.time.format.DateTimeParseException e) {
            created = Instant.EPOCH;
        }
        return new Provenance(p.path("topicj").asText("unknown"), p.path("java").asText("unknown"), created,
                p.path("documents").asLong(documents), p.path("embeddingDimension").asInt(0),
                p.hasNonNull("seed") ? p.get("seed").asLong() : null);
    }

    /** The embedder for new documents, by {@link LoadOptions}' rules. */
    static EmbedderHandle handle(TopicModelData data, Path dir, LoadOptions options) {
        if (options.embedder() != null) {
            return EmbedderHandle.borrowed(options.embedder());
        }
        if (data.statefulSpec() != null) {
            Path state = dir.resolve(EMBEDDER_DIR);
            if (!Files.isDirectory(state, LinkOption.NOFOLLOW_LINKS)) {
                throw new CorruptModelException(state, "statefulEmbedder", "the embedder state folder is missing");
            }
            requireAllowed(data.statefulSpec(), Map.of(), options);
            return EmbedderHandle.owned(options.registry().restore(data.statefulSpec(), state));
        }
        EmbedderRef ref = data.embedderRef();
        if (ref == null) {
            return EmbedderHandle.none("this model does not know its embedder (it was fitted on precomputed embeddings); pass "
                    + "embeddings to transform, or load it with LoadOptions.builder().embedder(...)");
        }
        return EmbedderHandle.lazy(() -> {
            requireAllowed(ref.key(), ref.options(), options);
            Map<String, String> withSecrets = new TreeMap<>(ref.options());
            withSecrets.putAll(options.credentials());
            return options.registry().open(ref.key(), withSecrets);
        });
    }

    private static void requireAllowed(String key, Map<String, String> keyOptions, LoadOptions options) {
        if (options.trustRecordedEmbedder()) {
            return;
        }
        options.registry().reach(key, keyOptions).ifPresent(reach -> {
            throw new UntrustedEmbedderException("this saved model names the embedder '" + key + "', which " + reach
                    + "; a loaded model opens that only if you allow it: give an embedder (TopicModel.load(dir, embedder); "
                    + "CLI: --embedder KEY), or trust the model's (LoadOptions.builder().trustRecordedEmbedder(true); "
                    + "CLI: --trust-model-embedder) if you know where it came from");
        });
    }

    /** A model folder holds only its own files: no symbolic links anywhere in it. */
    private static void noLinks(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isSymbolicLink).findFirst().ifPresent(link -> {
                throw new CorruptModelException(link, null, "is a symbolic link; a saved model holds only its own files");
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every file the manifest lists is there with its size (and checksum); nothing else is read. */
    private static void checkManifest(Path dir, JsonNode files, boolean checksums) {
        Path file = dir.resolve(FILE);
        if (!files.isObject()) {
            throw new CorruptModelException(file, "files", "expected the manifest object");
        }
        for (Map.Entry<String, JsonNode> f : files.properties()) {
            Path p = dir.resolve(f.getKey()).normalize();
            if (!p.startsWith(dir.normalize()) || f.getKey().contains("..")) {
                throw new CorruptModelException(file, "files", "entry '" + f.getKey() + "' lies outside the folder");
            }
            ModelFiles.requireFile(p);
            try {
                long size = Files.size(p);
                if (size != f.getValue().path("bytes").asLong(-1)) {
                    throw new CorruptModelException(p, null, "has " + size + " bytes; the model recorded "
                            + f.getValue().path("bytes").asLong(-1) + " (a partial copy, or changed since it was saved)");
                }
                if (checksums && !sha256(p).equals(f.getValue().path("sha256").asText())) {
                    throw new CorruptModelException(p, null, "differs from the SHA-256 the model recorded (changed since it was saved)");
                }
            } catch (IOException e) {
                throw new CorruptModelException(p, null, "cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /** Files the manifest does not list are refused: a model's reader must never pick up something added later. */
    private static void noUnlistedFiles(Path dir, JsonNode files) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(FILE) && !files.has(rel)) {
                    throw new CorruptModelException(p, null, "is not part of the saved model (not in its manifest); "
                            + "remove it, or save the model again");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // the digest sees every byte
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
