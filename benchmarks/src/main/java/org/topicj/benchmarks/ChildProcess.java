package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one benchmark task as a child process and reads the JSON line it prints last. One process per
 * task and side, so each peak RSS belongs to that task alone and no side inherits the other's warm
 * caches or threads.
 */
final class ChildProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildProcess() {
    }

    /**
     * @param command the command line
     * @param env variables to add to this process's environment
     * @param timeout how long it may run; it is killed (with its children) after that
     * @param log where its standard output and error go, as {@code log.out} and {@code log.err}
     * @return its result, or "not run" with the reason
     */
    static Measurement run(List<String> command, Map<String, String> env, Duration timeout, Path log) {
        Path out = log.resolveSibling(log.getFileName() + ".out");
        Path err = log.resolveSibling(log.getFileName() + ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                return Measurement.notRun("timed out after " + timeout.toMinutes() + " min; log: " + err);
            }
            JsonNode json = lastJsonLine(out);
            if (json == null) {
                int code = p.exitValue();
                String status = code > 128 ? "killed by signal " + (code - 128) : "exit status " + code;
                return Measurement.notRun(status + " without a result: " + tail(err) + " (log: " + err + ")");
            }
            return Measurement.parse(json);
        } catch (IOException e) {
            return Measurement.notRun("could not start " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Measurement.notRun("interrupted");
        }
    }

    private static JsonNode lastJsonLine(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).strip();
            if (l.startsWith("{")) {
                return JSON.readTree(l);
            }
        }
        return null;
    }

    private static String tail(Path err) throws IOException {
        // The last line that is not logging's start-up chatter.
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("SLF4J")).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
    }
}
