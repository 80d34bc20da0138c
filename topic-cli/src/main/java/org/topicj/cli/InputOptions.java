package org.topicj.cli;

import java.nio.file.Path;
import java.util.List;
import org.topicj.cli.input.DocumentReader;
import picocli.CommandLine.Option;

/** The input options shared by every command that reads documents. */
final class InputOptions {

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Documents: .txt (one per line), .jsonl (--text-field) or .csv (--text-column), UTF-8.")
    Path input;

    @Option(names = "--text-field", paramLabel = "NAME", description = "JSONL field holding the text (default: text).")
    String textField;

    @Option(names = "--text-column", paramLabel = "NAME", description = "CSV column holding the text (default: text).")
    String textColumn;

    List<String> readDocuments() {
        return new DocumentReader(textField, textColumn).read(input);
    }
}
