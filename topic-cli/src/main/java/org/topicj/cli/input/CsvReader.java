package org.topicj.cli.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader: comma-separated fields, double quotes around fields that hold commas,
 * quotes or newlines, {@code ""} for a quote inside them. The first record is the header. Every
 * record must have as many fields as the header; anything else is an error naming the line.
 */
final class CsvReader {
    private final Path file;
    private final String text;
    private int pos;
    private long line = 1;

    private CsvReader(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    /** @return the records, header first; line numbers of records in {@code recordLines} */
    static List<List<String>> parse(Path file, String text, List<Long> recordLines) {
        CsvReader r = new CsvReader(file, text);
        List<List<String>> records = new ArrayList<>();
        while (r.pos < r.text.length()) {
            recordLines.add(r.line);
            records.add(r.record());
        }
        return records;
    }

    private List<String> record() {
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(pos < text.length() && text.charAt(pos) == '"' ? quoted() : plain());
            if (pos >= text.length()) {
                return fields;
            }
            char c = text.charAt(pos++);
            if (c == '\n') {
                line++;
                return fields;
            }
            if (c == '\r') {
                if (pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                }
                line++;
                return fields;
            }
            // c == ',': another field follows
        }
    }

    private String plain() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ',' || c == '\n' || c == '\r') {
                break;
            }
            if (c == '"') {
                throw new InputFormatException(file, line, "a double quote inside an unquoted field; quote the whole field "
                        + "and double the quote (\"say \"\"hi\"\"\")");
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        long startLine = line;
        StringBuilder sb = new StringBuilder();
        pos++; // opening quote
        while (true) {
            if (pos >= text.length()) {
                throw new InputFormatException(file, startLine, "quoted field is never closed (the file ends inside it)");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                if (pos < text.length() && text.charAt(pos) == '"') {
                    sb.append('"');
                    pos++;
                    continue;
                }
                if (pos < text.length() && ",\r\n".indexOf(text.charAt(pos)) < 0) {
                    throw new InputFormatException(file, line, "unexpected character '" + text.charAt(pos)
                            + "' after a closing quote; expected a comma or the end of the line");
                }
                return sb.toString();
            }
            if (c == '\n') {
                line++;
            }
            sb.append(c);
        }
    }
}
