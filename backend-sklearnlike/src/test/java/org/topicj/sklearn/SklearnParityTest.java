package org.topicj.sklearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

/** Against scikit-learn 1.2 on the first 1,000 Debian descriptions (../shared/reference/sklearn). */
class SklearnParityTest {
    private final ObjectMapper json = new ObjectMapper();

    private List<String> docs() throws IOException {
        List<String> docs = new ArrayList<>();
        json.readTree(SharedData.reference("sklearn/docs.json").toFile()).forEach(d -> docs.add(d.asText()));
        return docs;
    }

    private void compare(String name, TfidfVectorizer vectorizer) throws IOException {
        List<String> docs = docs();
        TfidfVectorizer.FittedTfidf fitted = (TfidfVectorizer.FittedTfidf) vectorizer.fit(docs);
        JsonNode vocab = json.readTree(SharedData.reference("sklearn/" + name + ".vocabulary.json").toFile());
        assertEquals(vocab.size(), fitted.dimension(), name + " vocabulary size");
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asInt(), fitted.vocabulary().indexOf(e.getKey()).orElse(-1), name + " term " + e.getKey());
        }
        double[] idf = Npy.readDoubles(SharedData.reference("sklearn/" + name + ".idf.npy"));
        for (int t = 0; t < idf.length; t++) {
            assertEquals(idf[t], fitted.idf()[t], 1e-9, name + " idf " + t);
        }
        SparseMatrix ours = (SparseMatrix) fitted.transform(docs);
        int[] indptr = Npy.readInts(SharedData.reference("sklearn/" + name + ".indptr.npy"));
        int[] indices = Npy.readInts(SharedData.reference("sklearn/" + name + ".indices.npy"));
        double[] data = Npy.readDoubles(SharedData.reference("sklearn/" + name + ".data.npy"));
        double worst = 0;
        for (int r = 0; r < docs.size(); r++) {
            assertEquals(indptr[r + 1] - indptr[r], ours.rawIndptr()[r + 1] - ours.rawIndptr()[r], name + " row " + r + " non-zeros");
            for (int k = indptr[r]; k < indptr[r + 1]; k++) {
                worst = Math.max(worst, Math.abs(data[k] - ours.get(r, indices[k])));
            }
        }
        System.out.printf("%s: vocabulary %d identical, largest |TF-IDF difference| %.2e%n", name, vocab.size(), worst);
        assertTrue(worst <= 1e-6, name + " worst difference " + worst);
    }

    @Test
    void defaultTfidfMatchesScikitLearn() throws IOException {
        compare("tfidf_default", new TfidfVectorizer());
    }

    @Test
    void englishSublinearMinDf2MatchesScikitLearn() throws IOException {
        CountVectorizer cv = CountVectorizer.builder().stopWords(StopWords.english()).minDf(2).build();
        compare("tfidf_english_sublinear_mindf2", new TfidfVectorizer(cv, true, true, true, "l2"));
    }

    @Test
    void truncatedSvdSingularValuesMatchScikitLearn() throws IOException {
        List<String> docs = docs();
        SparseMatrix x = (SparseMatrix) new TfidfVectorizer().fit(docs).transform(docs);
        TruncatedSvd.FittedSvd svd = (TruncatedSvd.FittedSvd) TruncatedSvd.of(100).fit(x);
        float[] reference = Npy.readFloats(SharedData.reference("sklearn/tfidf_default.svd100.singular_values.npy"));
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs(svd.singularValues()[i] - reference[i]) / reference[i]);
        }
        System.out.printf("TruncatedSVD(100): largest relative singular-value difference %.2e (top %.4f vs %.4f)%n", worst,
                svd.singularValues()[0], reference[0]);
        assertTrue(worst <= 1e-3, "relative difference " + worst);
    }
}
