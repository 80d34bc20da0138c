package org.topicj.cli.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a UTF-8 file into lines, decoding strictly so that invalid bytes are reported with their
 * line number instead of turning into replacement characters. Accepts LF and CRLF endings and a
 * leading byte-order mark; a final newline does not start another line.
 */
final class Lines {
    private Lines() {
    }

    static List<String> read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file);
    }

    /** @param bytes the content @param file its name, for messages */
    static List<String> read(byte[] bytes, Path file) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int lineStart = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i == bytes.length && lineStart == bytes.length) {
                    break; // the file ended with a newline (or is empty): no further line
                }
                int end = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                lines.add(decode(decoder, bytes, lineStart, end, file, lines.size() + 1));
                lineStart = i + 1;
            }
        }
        return lines;
    }

    private static String decode(CharsetDecoder decoder, byte[] bytes, int from, int to, Path file, int line) {
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, from, to - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new InputFormatException(file, line, "not valid UTF-8; convert the file to UTF-8 (iconv -f LATIN1 -t UTF-8)");
        }
    }
}
