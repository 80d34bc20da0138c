package org.topicj.cli.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the documents of an input file, in order, by its extension:
 * <ul>
 *   <li>{@code .txt}: one document per line; empty lines are empty documents.</li>
 *   <li>{@code .jsonl} / {@code .ndjson}: one JSON object per line, the text in a string field
 *       (default {@code text}); blank lines are skipped.</li>
 *   <li>{@code .csv}: RFC 4180 with a header row; the text in a named column (default {@code text}).</li>
 * </ul>
 * All files are UTF-8. Anything malformed raises {@link InputFormatException} naming the line.
 *
 * <p>Thread-safety: immutable.
 */
public final class DocumentReader {
    /** Default JSONL field and CSV column holding the text. */
    public static final String DEFAULT_TEXT_FIELD = "text";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String textField;
    private final String textColumn;

    /**
     * @param textField the JSONL field with the text, or null for {@value #DEFAULT_TEXT_FIELD}
     * @param textColumn the CSV column with the text, or null for {@value #DEFAULT_TEXT_FIELD}
     */
    public DocumentReader(String textField, String textColumn) {
        this.textField = textField == null ? DEFAULT_TEXT_FIELD : textField;
        this.textColumn = textColumn == null ? DEFAULT_TEXT_FIELD : textColumn;
    }

    /**
     * The documents of an input and, for each extra field asked for, its value per document.
     *
     * @param texts the documents, in file order
     * @param fields extra JSONL fields / CSV columns by name, one value per document (null where JSON has null)
     */
    public record Documents(List<String> texts, Map<String, List<String>> fields) {
        /** @param name a field that was asked for @return its values */
        public List<String> field(String name) {
            return fields.get(name);
        }
    }

    /**
     * @param file the input
     * @return the documents in file order
     * @throws InputFormatException if the file is malformed or of an unknown type
     * @throws UncheckedIOException if it cannot be read
     */
    public List<String> read(Path file) {
        return read(file, null, List.of()).texts();
    }

    /**
     * @param file the input
     * @param format txt, jsonl or csv; null to take it from the file name
     * @param fields extra JSONL fields or CSV columns to read beside the text (each must be present)
     * @return the documents and the fields
     */
    public Documents read(Path file, String format, List<String> fields) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputFormatException(file, 0, "no such file");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return read(bytes, file, format, fields);
    }

    /**
     * @param bytes the input's content (a file's, or standard input's)
     * @param source its name, for messages
     * @param format txt, jsonl or csv; null to take it from the name
     * @param fields extra JSONL fields or CSV columns to read beside the text
     * @return the documents and the fields
     */
    public Documents read(byte[] bytes, Path source, String format, List<String> fields) {
        String kind = format != null ? format.toLowerCase(Locale.ROOT) : kindOf(source);
        return switch (kind) {
            case "txt" -> {
                if (!fields.isEmpty()) {
                    throw new InputFormatException(source, 0, "a .txt input has one document per line and no fields, so "
                            + fields + " cannot be read; use .jsonl or .csv");
                }
                yield new Documents(Lines.read(bytes, source), Map.of());
            }
            case "jsonl" -> readJsonl(Lines.read(bytes, source), source, fields);
            case "csv" -> readCsv(Lines.read(bytes, source), source, fields);
            default -> throw new InputFormatException(source, 0, "unsupported input type" + (format != null ? " '" + format + "'" : "")
                    + "; use .txt (one document per line), .jsonl (--text-field) or .csv (--text-column)"
                    + (format == null ? ", or say which with --input-format" : ""));
        };
    }

    private static String kindOf(Path source) {
        String name = source.getFileName() == null ? "" : source.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".txt") ? "txt" : name.endsWith(".jsonl") || name.endsWith(".ndjson") ? "jsonl"
                : name.endsWith(".csv") ? "csv" : "unknown";
    }

    private Documents readJsonl(List<String> lines, Path file, List<String> fields) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        fields.forEach(f -> values.put(f, new ArrayList<>()));
        List<String> docs = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new InputFormatException(file, i + 1, "not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new InputFormatException(file, i + 1, "expected a JSON object per line, found " + describe(node));
            }
            JsonNode text = node.get(textField);
            if (text == null) {
                throw new InputFormatException(file, i + 1, "no field '" + textField + "' (fields: " + fieldNames(node)
                        + "); choose the text field with --text-field");
            }
            if (!text.isTextual()) {
                throw new InputFormatException(file, i + 1, "field '" + textField + "' is " + describe(text) + ", not a string");
            }
            docs.add(text.textValue());
            for (String f : fields) {
                JsonNode v = node.get(f);
                if (v == null) {
                    throw new InputFormatException(file, i + 1, "no field '" + f + "' (fields: " + fieldNames(node) + ")");
                }
                values.get(f).add(v.isNull() ? null : v.isTextual() ? v.textValue() : v.toString());
            }
        }
        return new Documents(docs, values);
    }

    private Documents readCsv(List<String> lines, Path file, List<String> fields) {
        String text = String.join("\n", lines);
        List<Long> recordLines = new ArrayList<>();
        List<List<String>> records = CsvReader.parse(file, text, recordLines);
        if (records.isEmpty()) {
            throw new InputFormatException(file, 0, "empty CSV file; the first line must be a header naming the columns");
        }
        List<String> header = records.get(0);
        int column = header.indexOf(textColumn);
        if (column < 0) {
            throw new InputFormatException(file, 1, "no column '" + textColumn + "' in the header " + header
                    + "; choose the text column with --text-column");
        }
        Map<String, Integer> extra = new LinkedHashMap<>();
        for (String f : fields) {
            int c = header.indexOf(f);
            if (c < 0) {
                throw new InputFormatException(file, 1, "no column '" + f + "' in the header " + header);
            }
            extra.put(f, c);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        fields.forEach(f -> values.put(f, new ArrayList<>()));
        List<String> docs = new ArrayList<>(records.size() - 1);
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() != header.size()) {
                throw new InputFormatException(file, recordLines.get(r), "has " + record.size() + " fields, the header has "
                        + header.size() + "; quote fields that contain commas");
            }
            docs.add(record.get(column));
            extra.forEach((f, c) -> values.get(f).add(record.get(c)));
        }
        return new Documents(docs, values);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + abbreviate(node.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
