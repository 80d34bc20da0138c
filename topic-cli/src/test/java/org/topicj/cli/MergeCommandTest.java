package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.matrix.Npy;
import org.topicj.testing.FakeEmbedder;

/** topicj merge end to end with the fake embeddings: two corpora that share two of their four word pools. */
class MergeCommandTest {
    private static final String[][] POOLS = FitAnalysisCommandTest.POOLS;
    private static final int PER_CORPUS = 120;
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * Documents i of pool {@code firstPool + i % 4}, fitted into {@code name}: clustered from their fake
     * embeddings ({@code name.npy}), or, without embeddings, from the labels {@code i % 4} (a fit from
     * labels alone has no topic embeddings).
     */
    private Path fit(String name, int firstPool, boolean clustered) throws IOException {
        SplittableRandom rnd = new SplittableRandom(firstPool);
        List<String> lines = new ArrayList<>();
        int[] labels = new int[PER_CORPUS];
        for (int i = 0; i < PER_CORPUS; i++) {
            String[] pool = POOLS[firstPool + i % 4];
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 7; w++) {
                sb.append(w == 0 ? "" : " ").append(pool[rnd.nextInt(pool.length)]);
            }
            lines.add(sb.toString());
            labels[i] = i % 4;
        }
        Path docs = Files.write(dir.resolve(name + ".txt"), lines);
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("fit", "-q", "--input", docs.toString(), "--seed", "1", "--output", out.toString()));
        if (clustered) {
            try (FakeEmbedder e = new FakeEmbedder(24, null)) {
                Npy.write(dir.resolve(name + ".npy"), e.embed(lines).toDense());
            }
            args.addAll(List.of("--embeddings", dir.resolve(name + ".npy").toString()));
        } else {
            Npy.writeInts(dir.resolve(name + "-labels.npy"), labels);
            args.addAll(List.of("--labels", dir.resolve(name + "-labels.npy").toString()));
        }
        CliTest.Result fit = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, fit.code(), fit.err());
        return out;
    }

    /** Documents per pool (of the topic's best word; -1 for outliers) in a topics.json. */
    private Map<Integer, Integer> countsByPool(Path topicsJson) throws IOException {
        Map<Integer, Integer> out = new TreeMap<>();
        for (JsonNode t : json.readTree(topicsJson.toFile())) {
            int pool = t.get("topic").asInt() < 0 ? -1 : poolOf(t);
            out.merge(pool, t.get("count").asInt(), Integer::sum);
        }
        return out;
    }

    /** The pool most of a topic's words come from (a word may be in two pools). */
    private static int poolOf(JsonNode topic) {
        int best = -1;
        long bestCount = 0;
        for (int p = 0; p < POOLS.length; p++) {
            List<String> pool = List.of(POOLS[p]);
            long count = 0;
            for (JsonNode w : topic.get("words")) {
                count += pool.contains(w.get(0).asText()) ? 1 : 0;
            }
            if (count > bestCount) {
                best = p;
                bestCount = count;
            }
        }
        if (best < 0) {
            throw new AssertionError("topic " + topic.get("topic") + " has words of no pool");
        }
        return best;
    }

    /**
     * The fake embedder gives each word a random direction, so topics of one pool are near-identical
     * across the corpora and topics of different pools near-orthogonal: b's topics of the shared pools
     * join a's, the others are added.
     */
    @Test
    void mergedTopicsAreThePoolsOfBothModelsAndTheMergedFolderTransforms() throws IOException {
        Path a = fit("a", 0, true);
        Path b = fit("b", 2, true);
        Map<Integer, Integer> inA = countsByPool(a.resolve("topics.json"));
        Map<Integer, Integer> inB = countsByPool(b.resolve("topics.json"));
        long topicsA = json.readTree(a.resolve("topics.json").toFile()).size() - (inA.containsKey(-1) ? 1 : 0);
        long addedFromB = 0;
        for (JsonNode t : json.readTree(b.resolve("topics.json").toFile())) {
            addedFromB += t.get("topic").asInt() >= 0 && !inA.containsKey(poolOf(t)) ? 1 : 0;
        }
        assertTrue(inB.containsKey(4) && inB.containsKey(5) && inA.containsKey(2), "the fits found the pools: " + inA + " " + inB);

        Path merged = dir.resolve("merged");
        CliTest.Result r = CliTest.run("merge", "--model", a.toString(), "--model", b.toString(), "--output", merged.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("merged 2 models (240 documents): " + (topicsA + addedFromB) + " topics, " + addedFromB + " added"),
                r.err());
        Map<Integer, Integer> expected = new TreeMap<>(inA);
        inB.forEach((pool, n) -> expected.merge(pool, n, Integer::sum));
        assertEquals(expected, countsByPool(merged.resolve("topics.json")), "documents per pool: a's plus b's");

        Path assigned = dir.resolve("assigned.jsonl");
        CliTest.Result t = CliTest.run("transform", "-q", "--model", merged.toString(), "--input", dir.resolve("b.txt").toString(),
                "--embeddings", dir.resolve("b.npy").toString(), "--output", assigned.toString());
        assertEquals(0, t.code(), t.err());
        Map<Integer, Integer> poolOfTopic = new HashMap<>();
        for (JsonNode topic : json.readTree(merged.resolve("topics.json").toFile())) {
            if (topic.get("topic").asInt() >= 0) {
                poolOfTopic.put(topic.get("topic").asInt(), poolOf(topic));
            }
        }
        List<String> lines = Files.readAllLines(assigned);
        assertEquals(PER_CORPUS, lines.size());
        int right = 0;
        for (int i = 0; i < PER_CORPUS; i++) {
            int topic = json.readTree(lines.get(i)).get("topic").asInt();
            right += topic >= 0 && poolOfTopic.get(topic) == 2 + i % 4 ? 1 : 0;
        }
        assertTrue(right >= PER_CORPUS * 9 / 10, right + " of " + PER_CORPUS + " documents of b go to a topic of their pool");
    }

    @Test
    void refusesAnInputAsOutputAMissingModelAndModelsWithoutTopicEmbeddings() throws IOException {
        Path a = fit("a", 0, true);
        byte[] before = Files.readAllBytes(a.resolve("topics.json"));
        CliTest.Result into = CliTest.run("merge", "--model", a.toString(), "--model", a.toString(), "--output", a.toString());
        assertEquals(2, into.code(), into.err());
        assertTrue(into.err().contains("which --output replaces"), into.err());
        assertEquals(new String(before), new String(Files.readAllBytes(a.resolve("topics.json"))), "the input is untouched");

        CliTest.Result missing = CliTest.run("merge", "--model", a.toString(), "--model", dir.resolve("nothing").toString(),
                "--output", dir.resolve("m").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("no saved topic model"), missing.err());
        assertFalse(Files.exists(dir.resolve("m")));

        CliTest.Result one = CliTest.run("merge", "--model", a.toString(), "--output", dir.resolve("m").toString());
        assertEquals(2, one.code(), one.err());
        assertTrue(one.err().contains("two or more --model"), one.err());

        Path labelsOnly = fit("c", 2, false);
        CliTest.Result noEmbeddings = CliTest.run("merge", "--model", a.toString(), "--model", labelsOnly.toString(),
                "--output", dir.resolve("m").toString());
        assertEquals(2, noEmbeddings.code(), noEmbeddings.err());
        assertTrue(noEmbeddings.err().contains("model 1 has no topic embeddings"), noEmbeddings.err());
        assertFalse(Files.exists(dir.resolve("m")));
    }
}
