package org.topicj.wordvec.dl4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.topicj.testing.SyntheticCorpus;

/** A Word2Vec model trained by DL4J on a small seeded corpus, and writers for each file format. */
final class TrainedVectors {
    private TrainedVectors() {
    }

    /** @return Word2Vec trained by DL4J, 16 dimensions, one worker and a seed */
    static Word2Vec train() {
        Word2Vec w2v = new Word2Vec.Builder().minWordFrequency(1).layerSize(16).windowSize(3).seed(7).workers(1)
                .iterations(1).epochs(2).iterate(new CollectionSentenceIterator(SyntheticCorpus.documents(80, 3)))
                .tokenizerFactory(new DefaultTokenizerFactory()).build();
        w2v.fit();
        return w2v;
    }

    static List<String> words(Word2Vec w2v) {
        return new ArrayList<>(w2v.vocab().words());
    }

    static float[] vector(Word2Vec w2v, String word) {
        double[] d = w2v.getWordVector(word);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** word2vec / fastText .vec text when header is true, GloVe text when false. */
    static void writeText(Word2Vec w2v, Path file, boolean header) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> words = words(w2v);
        if (header) {
            sb.append(words.size()).append(' ').append(w2v.getLayerSize()).append('\n');
        }
        for (String w : words) {
            sb.append(w);
            for (float v : vector(w2v, w)) {
                sb.append(' ').append(v);
            }
            sb.append(header ? " \n" : "\n"); // fastText's .vec ends rows with a space
        }
        write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** word2vec's C binary format, as Gensim's save_word2vec_format(binary=True) writes it. */
    static void writeBinary(Word2Vec w2v, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> words = words(w2v);
        out.write((words.size() + " " + w2v.getLayerSize() + "\n").getBytes(StandardCharsets.US_ASCII));
        for (String w : words) {
            out.write((w + " ").getBytes(StandardCharsets.UTF_8));
            float[] v = vector(w2v, w);
            ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            out.write(b.array());
            out.write('\n');
        }
        write(file, out.toByteArray());
    }

    static void write(Path file, byte[] bytes) throws IOException {
        if (file.getFileName().toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
    }
}
