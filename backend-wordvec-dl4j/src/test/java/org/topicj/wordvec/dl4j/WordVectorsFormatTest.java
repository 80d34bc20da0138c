package org.topicj.wordvec.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.models.embeddings.loader.WordVectorSerializer;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.wordvec.VectorFileFormat;
import org.topicj.wordvec.WordVectors;

/** Vectors trained by DL4J, written in each format, read back by TopicJ and by DL4J's own reader. */
class WordVectorsFormatTest {
    private static Word2Vec trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        trained = TrainedVectors.train();
    }

    private void assertSameAsTrained(WordVectors read) {
        List<String> words = TrainedVectors.words(trained);
        assertEquals(words.size(), read.size());
        assertEquals(16, read.dimension());
        for (String w : words) {
            assertArrayEquals(TrainedVectors.vector(trained, w), read.vector(w), 0f, w);
        }
        assertNull(read.vector("not-a-word"));
        assertFalse(read.contains("not-a-word"));
    }

    @Test
    void word2vecTextWithHeader() throws Exception {
        Path f = dir.resolve("vectors.txt");
        TrainedVectors.writeText(trained, f, true);
        assertSameAsTrained(WordVectors.read(f));
    }

    @Test
    void gloveTextWithoutHeaderAndGzip() throws Exception {
        Path f = dir.resolve("glove.txt.gz");
        TrainedVectors.writeText(trained, f, false);
        assertSameAsTrained(WordVectors.read(f));
    }

    @Test
    void fastTextVec() throws Exception {
        Path f = dir.resolve("wiki.vec");
        TrainedVectors.writeText(trained, f, true);
        assertSameAsTrained(WordVectors.read(f, VectorFileFormat.parse("vec")));
    }

    @Test
    void word2vecBinaryPlainAndGzip() throws Exception {
        Path bin = dir.resolve("vectors.bin");
        TrainedVectors.writeBinary(trained, bin);
        assertSameAsTrained(WordVectors.read(bin));
        Path gz = dir.resolve("vectors.bin.gz");
        TrainedVectors.writeBinary(trained, gz);
        assertSameAsTrained(WordVectors.read(gz));
    }

    @Test
    void aDl4jModelIsCopiedWithoutAFile() {
        assertSameAsTrained(Dl4jVectors.copyOf(trained));
    }

    @Test
    void dl4jReadsTheSameFilesTheSameWay() throws Exception {
        // DL4J's reader is the independent check that the test's writers produce the real formats.
        Path bin = dir.resolve("vectors.bin");
        TrainedVectors.writeBinary(trained, bin);
        Path txt = dir.resolve("vectors.txt");
        TrainedVectors.writeText(trained, txt, true);
        WordVectors ours = WordVectors.read(bin);
        for (Path f : List.of(bin, txt)) {
            Word2Vec theirs = WordVectorSerializer.readWord2VecModel(f.toFile());
            assertEquals(ours.size(), theirs.vocab().numWords(), f.toString());
            for (String w : TrainedVectors.words(trained)) {
                assertArrayEquals(TrainedVectors.vector(theirs, w), ours.vector(w), 1e-6f, f + ": " + w);
            }
        }
    }
}
