package org.topicj.benchmarks;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.deeplearning4j.models.embeddings.loader.WordVectorSerializer;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.topicj.wordvec.VectorFileFormat;
import org.topicj.wordvec.WordVectors;

/**
 * Load time of word-vector files per million vectors: TopicJ's streaming readers against DL4J's
 * {@code WordVectorSerializer.readWord2VecModel} (the baseline) on the same word2vec text and
 * binary files, in one JVM, each after a warm-up load. Also prints the heap a loaded table holds.
 * Arguments: [words (default 200000)] [dimension (default 300)].
 */
public final class WordVecLoad {
    private WordVecLoad() {
    }

    public static void main(String[] args) throws IOException {
        int words = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Files.createTempDirectory("wordvec-load");
        Path text = dir.resolve("vectors.txt");
        Path binary = dir.resolve("vectors.bin");
        write(text, binary, words, dim);
        System.out.printf("%d words x %d: text %.0f MB, binary %.0f MB%n", words, dim, Files.size(text) / 1e6, Files.size(binary) / 1e6);
        for (Path f : new Path[] {text, binary}) {
            VectorFileFormat format = f == text ? VectorFileFormat.TEXT : VectorFileFormat.WORD2VEC_BINARY;
            WordVectors.read(f, format);
            long heapBefore = usedHeap();
            long t0 = System.nanoTime();
            WordVectors ours = WordVectors.read(f, format);
            double topicj = (System.nanoTime() - t0) / 1e9;
            long held = usedHeap() - heapBefore;
            if (ours.size() != words) {
                throw new IllegalStateException("read " + ours.size() + " words");
            }
            ours = null;
            WordVectorSerializer.readWord2VecModel(f.toFile());
            t0 = System.nanoTime();
            Word2Vec theirs = WordVectorSerializer.readWord2VecModel(f.toFile());
            double dl4j = (System.nanoTime() - t0) / 1e9;
            if (theirs.vocab().numWords() != words) {
                throw new IllegalStateException("DL4J read " + theirs.vocab().numWords() + " words");
            }
            double perMillion = 1e6 / words;
            System.out.printf("%-6s TopicJ %.2f s (%.1f s per million vectors, table %.0f MB on the heap); DL4J %.2f s "
                    + "(%.1f s per million); DL4J/TopicJ time %.2fx%n", f == text ? "text" : "binary", topicj,
                    topicj * perMillion, held / 1e6, dl4j, dl4j * perMillion, dl4j / topicj);
        }
        Files.delete(text);
        Files.delete(binary);
        Files.delete(dir);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static void write(Path text, Path binary, int words, int dim) throws IOException {
        SplittableRandom rnd = new SplittableRandom(1);
        try (Writer t = Files.newBufferedWriter(text, StandardCharsets.UTF_8);
             DataOutputStream b = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(binary), 1 << 16))) {
            t.write(words + " " + dim + "\n");
            b.write((words + " " + dim + "\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < words; w++) {
                String word = "w" + Integer.toString(w, 36);
                line.setLength(0);
                line.append(word);
                b.write((word + " ").getBytes(StandardCharsets.UTF_8));
                for (int j = 0; j < dim; j++) {
                    float v = (float) Math.round(rnd.nextGaussian() * 1e5) / 1e5f;
                    line.append(' ').append(v);
                    b.writeInt(Integer.reverseBytes(Float.floatToIntBits(v)));
                }
                t.write(line.append('\n').toString());
                b.write('\n');
            }
        }
    }
}
