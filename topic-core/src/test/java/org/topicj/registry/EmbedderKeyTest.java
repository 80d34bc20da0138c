package org.topicj.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.topicj.embed.InvalidKeyException;

class EmbedderKeyTest {

    @Test
    void providerAndModel() {
        EmbedderKey k = EmbedderKey.parse("sbert:BAAI/bge-small-en-v1.5");
        assertEquals("sbert", k.provider());
        assertEquals("BAAI/bge-small-en-v1.5", k.model());
        assertTrue(k.hasProvider());
    }

    @Test
    void bareId() {
        EmbedderKey k = EmbedderKey.parse("all-MiniLM-L6-v2");
        assertNull(k.provider());
        assertFalse(k.hasProvider());
        assertEquals("all-MiniLM-L6-v2", k.model());
    }

    @Test
    void splitsAtFirstColonOnly() {
        EmbedderKey k = EmbedderKey.parse("sbert:C:\\models\\minilm");
        assertEquals("sbert", k.provider());
        assertEquals("C:\\models\\minilm", k.model());
    }

    @Test
    void bareWindowsPathIsBare() {
        EmbedderKey k = EmbedderKey.parse("C:\\models\\minilm");
        assertNull(k.provider());
        assertEquals("C:\\models\\minilm", k.model());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " sbert:x", "sbert:x ", "sbert:", ":model", "SBert:x", "s bert:x", "9x:y", "sbert: x"})
    void rejectsMalformedKeysQuotingThem(String key) {
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> EmbedderKey.parse(key));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(InvalidKeyException.class, () -> EmbedderKey.parse(null));
    }
}
