package org.topicj.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.topicj.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command's output files, written all or none: each is staged to a hidden temporary file beside
 * its target and moved into place only once every one of them was written, so a failure (a full
 * disk, a read-only folder) leaves no output and every earlier file as it was. {@code -} stands for
 * standard output, written last. Before any work, {@link #refuseOverlaps} rejects an output that is
 * an input or another output (exit code 2), so an input is never overwritten.
 *
 * <p>Thread-safety: not thread-safe; one per command run.
 */
final class OutputFiles {
    private final CommandSpec spec;
    private final OutputStream stdout;
    private final Map<Path, AtomicFiles.Content> pending = new LinkedHashMap<>();

    OutputFiles(CommandSpec spec, OutputStream stdout) {
        this.spec = spec;
        this.stdout = stdout;
    }

    /** @return whether the path means standard output */
    static boolean isStdout(Path p) {
        return p != null && p.toString().equals("-");
    }

    /**
     * Refuses overlaps: an output that is the same file as an input, or as another output.
     *
     * @param inputs option name to path (nulls and {@code -} ignored)
     * @param outputs option name to path (nulls ignored; several {@code -} are an overlap too)
     * @throws CommandLine.ParameterException naming both options
     */
    void refuseOverlaps(Map<String, Path> inputs, Map<String, Path> outputs) {
        List<Map.Entry<String, Path>> outs = new ArrayList<>();
        outputs.forEach((name, p) -> {
            if (p != null) {
                outs.add(Map.entry(name, p));
            }
        });
        for (int i = 0; i < outs.size(); i++) {
            for (Map.Entry<String, Path> in : inputs.entrySet()) {
                if (in.getValue() != null && !isStdout(in.getValue()) && !isStdout(outs.get(i).getValue())
                        && sameFile(in.getValue(), outs.get(i).getValue())) {
                    throw refuse(outs.get(i).getKey() + " " + outs.get(i).getValue() + " is the input " + in.getKey() + " "
                            + in.getValue() + "; writing it would destroy the input: choose another output path");
                }
            }
            for (int j = i + 1; j < outs.size(); j++) {
                Path a = outs.get(i).getValue();
                Path b = outs.get(j).getValue();
                if (isStdout(a) ? isStdout(b) : !isStdout(b) && sameFile(a, b)) {
                    throw refuse(outs.get(i).getKey() + " and " + outs.get(j).getKey() + " are the same file (" + a
                            + "); give each output its own path");
                }
            }
        }
    }

    /**
     * Refuses inputs inside a folder whose entries a command replaces (fit's --output).
     *
     * @param folder the output folder
     * @param entries the entries it replaces
     * @param inputs option name to path
     */
    void refuseInputsIn(Path folder, List<String> entries, Map<String, Path> inputs) {
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            if (in.getValue() == null || isStdout(in.getValue())) {
                continue;
            }
            Path input = canonical(in.getValue());
            for (String e : entries) {
                if (input.startsWith(canonical(folder.resolve(e)))) {
                    throw refuse("the input " + in.getKey() + " " + in.getValue() + " lies in " + folder.resolve(e)
                            + ", which --output replaces; choose another output folder");
                }
            }
        }
    }

    /**
     * Queues an output; nothing is written until {@link #commit()}.
     *
     * @param target the file, or {@code -} for standard output
     * @param content what to write
     */
    void add(Path target, AtomicFiles.Content content) {
        pending.put(target, content);
    }

    /** Writes every queued output to its temporary file, then moves all into place; on any failure, none. */
    void commit() {
        List<AtomicFiles.Staged> staged = new ArrayList<>();
        Path toStdout = null;
        try {
            for (Map.Entry<Path, AtomicFiles.Content> e : pending.entrySet()) {
                if (isStdout(e.getKey())) {
                    toStdout = Files.createTempFile("topicj-stdout", ".tmp");
                    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(toStdout))) {
                        e.getValue().writeTo(out);
                    }
                } else {
                    staged.add(AtomicFiles.stage(e.getKey(), e.getValue()));
                }
            }
            staged.forEach(AtomicFiles.Staged::commit);
            if (toStdout != null) {
                Files.copy(toStdout, stdout);
                stdout.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output: " + e.getMessage(), e);
        } finally {
            staged.forEach(AtomicFiles.Staged::discard);
            if (toStdout != null) {
                deleteQuietly(toStdout);
            }
        }
    }

    private CommandLine.ParameterException refuse(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the paths
        }
        return canonical(a).equals(canonical(b));
    }

    /** The absolute path with links resolved as far as the path exists. */
    private static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        Path rest = Path.of("");
        while (existing != null && !Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        try {
            return existing == null ? abs : existing.toRealPath().resolve(rest).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file of our own
        }
    }
}
