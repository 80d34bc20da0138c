package org.topicj.model2vec.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pure-Java tokenizer against Hugging Face's {@code tokenizers} (Rust): the ids it gave for 40
 * texts (Unicode, accents, CJK, emoji, control characters, long words, added tokens) on the bundled
 * all-MiniLM-L6-v2 WordPiece tokenizer and three tokenizers trained tiny by it (byte-level BPE,
 * Unigram with Metaspace, character BPE with unknown-token fusing). Written by
 * {@code src/test/resources/tokenizers/make_fixtures.py}; every id must match.
 */
class TokenizerParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"minilm", "bytelevel-bpe", "unigram", "char-bpe"})
    void idsEqualThoseOfTheRustLibrary(String name) throws IOException {
        Tokenizer tokenizer = tokenizer(name);
        JsonNode fixture = JSON.readTree(resource("tokenizers/ids-" + name + ".json"));
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        for (JsonNode c : fixture.path("cases")) {
            int[] expected = JSON.convertValue(c.path("ids"), int[].class);
            int[] actual = tokenizer.encode(c.path("text").asText());
            if (!Arrays.equals(expected, actual)) {
                mismatches.add("'" + c.path("text").asText() + "': expected " + Arrays.toString(expected) + ", got " + Arrays.toString(actual));
            }
            cases++;
        }
        assertTrue(cases >= 40, "fixture has " + cases + " cases");
        assertEquals(List.of(), mismatches, name + ": " + mismatches.size() + " of " + cases + " texts differ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"minilm", "bytelevel-bpe", "unigram", "char-bpe"})
    void vocabularyIncludesAddedTokens(String name) throws IOException {
        Tokenizer tokenizer = tokenizer(name);
        JsonNode root = JSON.readTree(tokenizerJson(name));
        for (JsonNode t : root.path("added_tokens")) {
            assertEquals(t.path("id").asInt(), tokenizer.vocab().get(t.path("content").asText()), t.toString());
        }
        assertEquals(tokenizer.vocab().size(), tokenizer.tokensById().size());
    }

    @org.junit.jupiter.api.Test
    void miniLmKnowsItsSpecialTokensAndTruncation() throws IOException {
        Tokenizer t = tokenizer("minilm");
        assertArrayEquals(new int[] {101}, t.prefixIds());
        assertArrayEquals(new int[] {102}, t.suffixIds());
        assertEquals(100, t.unkTokenId().orElseThrow());
        assertEquals(128, t.truncation().orElseThrow());
        assertTrue(t.pads());
        assertEquals("WordPiece", t.modelType());
        assertEquals(128, t.encode("word ".repeat(300)).length, "truncation from the file applies");
    }

    static Tokenizer tokenizer(String name) throws IOException {
        return Tokenizer.parse(tokenizerJson(name));
    }

    private static String tokenizerJson(String name) throws IOException {
        return name.equals("minilm") ? resource("all-minilm-l6-v2-tokenizer.json") : resource("tokenizers/tokenizer-" + name + ".json");
    }

    static String resource(String path) throws IOException {
        try (InputStream in = TokenizerParityTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, "test resource " + path + " missing (the MiniLM one comes with backend-sbert's langchain4j jar)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
