package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.topicj.matrix.Npy;
import org.topicj.matrix.SparseMatrix;
import org.topicj.testing.SharedData;
import org.topicj.text.CountVectorizer;
import org.topicj.text.StopWords;
import org.topicj.text.Vocabulary;

/** CountVectorizer against scikit-learn 1.2 on the first 1,000 Debian descriptions. */
class CountVectorizerTest {

    @Test
    void bigramsWithMinDfMatchScikitLearn() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> docs = new ArrayList<>();
        json.readTree(SharedData.reference("sklearn/docs.json").toFile()).forEach(d -> docs.add(d.asText()));
        JsonNode vocab = json.readTree(SharedData.reference("sklearn/count_bigram.vocabulary.json").toFile());
        Vocabulary ours = CountVectorizer.builder().ngramRange(1, 2).minDf(2).build().fit(docs);
        assertEquals(vocab.size(), ours.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asInt(), ours.indexOf(e.getKey()).orElse(-1), "term '" + e.getKey() + "'");
        }
        SparseMatrix counts = ours.transform(docs);
        assertEquals(java.util.Arrays.toString(Npy.readInts(SharedData.reference("sklearn/count_bigram.indptr.npy"))),
                java.util.Arrays.toString(counts.rawIndptr()));
        assertEquals(java.util.Arrays.toString(Npy.readInts(SharedData.reference("sklearn/count_bigram.indices.npy"))),
                java.util.Arrays.toString(counts.rawIndices()));
        float[] data = Npy.readFloats(SharedData.reference("sklearn/count_bigram.data.npy"));
        assertEquals(java.util.Arrays.toString(data), java.util.Arrays.toString(counts.rawData()));
    }

    @Test
    void stopWordsAreScikitLearnsList() throws IOException {
        List<String> reference = Files.readAllLines(SharedData.reference("sklearn/stop_words_english.txt")).stream()
                .filter(s -> !s.isBlank()).map(String::strip).toList();
        assertEquals(318, StopWords.english().size());
        assertEquals(new java.util.TreeSet<>(reference), new java.util.TreeSet<>(StopWords.english()));
    }

    @Test
    void optionsBehaveAsScikitLearn() {
        List<String> docs = List.of("The cat sat on the mat", "the dog sat", "a cat and a dog");
        Vocabulary plain = CountVectorizer.builder().build().fit(docs);
        assertEquals(List.of("and", "cat", "dog", "mat", "on", "sat", "the"), plain.terms(), "single letters are not tokens");
        Vocabulary stop = CountVectorizer.builder().stopWords(StopWords.english()).build().fit(docs);
        assertEquals(List.of("cat", "dog", "mat", "sat"), stop.terms());
        assertEquals(List.of("cat", "dog", "sat", "the"), CountVectorizer.builder().minDf(2).build().fit(docs).terms());
        assertEquals(List.of("and", "mat", "on"), CountVectorizer.builder().maxDf(0.4).build().fit(docs).terms());
        assertEquals(List.of("the"), CountVectorizer.builder().maxFeatures(1).build().fit(docs).terms());
        assertThrows(IllegalArgumentException.class, () -> CountVectorizer.builder().stopWords(StopWords.english()).build()
                .fit(List.of("the and of", "a")));
    }
}
