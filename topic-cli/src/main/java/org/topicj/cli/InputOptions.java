package org.topicj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.topicj.cli.input.DocumentReader;
import picocli.CommandLine.Option;

/** The input options shared by every command that reads documents; {@code --input -} reads standard input. */
final class InputOptions {
    /** Standard input's name in messages. */
    static final Path STDIN = Path.of("<stdin>");

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Documents: .txt (one per line), .jsonl (--text-field) or .csv (--text-column), UTF-8; - for standard input.")
    Path input;

    @Option(names = "--text-field", paramLabel = "NAME", description = "JSONL field holding the text (default: text).")
    String textField;

    @Option(names = "--text-column", paramLabel = "NAME", description = "CSV column holding the text (default: text).")
    String textColumn;

    @Option(names = "--input-format", paramLabel = "txt|jsonl|csv",
            description = "The input's format (default: from its extension; txt for standard input).")
    String format;

    /** Set by commands that read stdin through another channel (tests). */
    InputStream stdin = System.in;

    /** @return whether the input is standard input */
    boolean isStdin() {
        return input.toString().equals("-");
    }

    /** @return the input file, or null for standard input */
    Path file() {
        return isStdin() ? null : input;
    }

    /** @return the input's name for messages */
    Path name() {
        return isStdin() ? STDIN : input;
    }

    List<String> readDocuments() {
        return read(List.of()).texts();
    }

    /**
     * @param fields extra JSONL fields or CSV columns (nulls ignored)
     * @return the documents and those fields
     */
    DocumentReader.Documents read(List<String> fields) {
        List<String> wanted = new ArrayList<>();
        for (String f : fields) {
            if (f != null && !wanted.contains(f)) {
                wanted.add(f);
            }
        }
        DocumentReader reader = new DocumentReader(textField, textColumn);
        if (!isStdin()) {
            return reader.read(input, format, wanted);
        }
        try {
            return reader.read(stdin.readAllBytes(), STDIN, format == null ? "txt" : format, wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }
}
