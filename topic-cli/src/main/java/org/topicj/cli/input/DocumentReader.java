package org.topicj.cli.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

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
     * @param file the input
     * @return the documents in file order
     * @throws InputFormatException if the file is malformed or of an unknown type
     * @throws UncheckedIOException if it cannot be read
     */
    public List<String> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
            if (name.endsWith(".txt")) {
                return Lines.read(file);
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return readJsonl(file);
            }
            if (name.endsWith(".csv")) {
                return readCsv(file);
            }
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file, 0, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        throw new InputFormatException(file, 0, "unsupported input type; use .txt (one document per line), "
                + ".jsonl (--text-field) or .csv (--text-column)");
    }

    private List<String> readJsonl(Path file) throws IOException {
        List<String> lines = Lines.read(file);
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
        }
        return docs;
    }

    private List<String> readCsv(Path file) throws IOException {
        String text = String.join("\n", Lines.read(file));
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
        List<String> docs = new ArrayList<>(records.size() - 1);
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() != header.size()) {
                throw new InputFormatException(file, recordLines.get(r), "has " + record.size() + " fields, the header has "
                        + header.size() + "; quote fields that contain commas");
            }
            docs.add(record.get(column));
        }
        return docs;
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
