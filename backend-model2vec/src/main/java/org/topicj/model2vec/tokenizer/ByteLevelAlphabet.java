package org.topicj.model2vec.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-to-character table (the {@code ByteLevel} pre-tokenizer): printable bytes stand
 * for themselves, the other 68 map to U+0100 and up, so any UTF-8 byte string becomes a string of
 * visible characters.
 *
 * <p>Thread-safety: immutable.
 */
final class ByteLevelAlphabet {
    private static final char[] BYTE_TO_CHAR = new char[256];

    static {
        boolean[] direct = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            direct[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            direct[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            direct[b] = true;
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            BYTE_TO_CHAR[b] = direct[b] ? (char) b : (char) (256 + n++);
        }
    }

    private ByteLevelAlphabet() {
    }

    /**
     * @param text any text
     * @return one stand-in character per UTF-8 byte of it
     */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(out);
    }
}
