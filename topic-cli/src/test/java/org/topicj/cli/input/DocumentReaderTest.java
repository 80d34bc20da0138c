package org.topicj.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderTest {
    @TempDir
    Path dir;

    private final DocumentReader defaults = new DocumentReader(null, null);

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private InputFormatException malformed(Path file, DocumentReader reader) {
        return assertThrows(InputFormatException.class, () -> reader.read(file));
    }

    @Test
    void textOneDocumentPerLineKeepingEmptyLines() throws IOException {
        Path f = write("docs.txt", "\uFEFFfirst doc\r\n\nthird é\n");
        assertEquals(List.of("first doc", "", "third é"), defaults.read(f));
        assertEquals(List.of("no newline at end"), defaults.read(write("b.txt", "no newline at end")));
        assertEquals(List.of(), defaults.read(write("empty.txt", "")));
    }

    @Test
    void textWithInvalidUtf8NamesTheLine() throws IOException {
        Path f = dir.resolve("latin1.txt");
        Files.write(f, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        InputFormatException e = malformed(f, defaults);
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(f + ":2: not valid UTF-8"), e.getMessage());
    }

    @Test
    void jsonlReadsTheChosenFieldAndSkipsBlankLines() throws IOException {
        Path f = write("docs.jsonl", "{\"id\":1,\"body\":\"alpha\"}\n\n{\"body\":\"beta \\u00e9\",\"x\":[1]}\n");
        assertEquals(List.of("alpha", "beta é"), new DocumentReader("body", null).read(f));
    }

    @Test
    void jsonlErrorsNameFileAndLine() throws IOException {
        InputFormatException bad = malformed(write("a.jsonl", "{\"text\":\"ok\"}\n{\"text\": oops}\n"), defaults);
        assertEquals(2, bad.line());
        assertTrue(bad.getMessage().contains("a.jsonl:2: not valid JSON"), bad.getMessage());

        InputFormatException missing = malformed(write("b.jsonl", "{\"body\":\"x\",\"id\":3}\n"), defaults);
        assertTrue(missing.getMessage().contains("b.jsonl:1: no field 'text' (fields: body, id); choose the text field with --text-field"),
                missing.getMessage());

        InputFormatException notString = malformed(write("c.jsonl", "{\"text\":\"a\"}\n{\"text\":42}\n"), defaults);
        assertTrue(notString.getMessage().contains("c.jsonl:2: field 'text' is number 42, not a string"), notString.getMessage());

        InputFormatException array = malformed(write("d.jsonl", "[1,2]\n"), defaults);
        assertTrue(array.getMessage().contains("expected a JSON object"), array.getMessage());
    }

    @Test
    void csvWithQuotesCommasAndNewlines() throws IOException {
        Path f = write("docs.csv", "id,body,lang\n1,\"hello, world\",en\n2,\"two\nlines with \"\"quotes\"\"\",en\n3,,fr\n");
        assertEquals(List.of("hello, world", "two\nlines with \"quotes\"", ""), new DocumentReader(null, "body").read(f));
    }

    @Test
    void csvErrorsNameFileAndLine() throws IOException {
        InputFormatException count = malformed(write("a.csv", "id,text\n1,\"multi\nline\"\n2,x,extra\n"), defaults);
        assertEquals(4, count.line());
        assertTrue(count.getMessage().contains("has 3 fields, the header has 2"), count.getMessage());

        InputFormatException open = malformed(write("b.csv", "id,text\n1,ok\n2,\"never closed\n3,x\n"), defaults);
        assertEquals(3, open.line());
        assertTrue(open.getMessage().contains("never closed"), open.getMessage());

        InputFormatException column = malformed(write("c.csv", "id,body\n1,x\n"), defaults);
        assertTrue(column.getMessage().contains("no column 'text' in the header [id, body]"), column.getMessage());

        InputFormatException stray = malformed(write("d.csv", "id,text\n1,\"a\"b\n"), defaults);
        assertEquals(2, stray.line());
    }

    @Test
    void unknownTypeAndMissingFile() throws IOException {
        InputFormatException type = malformed(write("docs.xml", "<a/>"), defaults);
        assertTrue(type.getMessage().contains("unsupported input type"), type.getMessage());
        InputFormatException missing = malformed(dir.resolve("absent.txt"), defaults);
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }
}
