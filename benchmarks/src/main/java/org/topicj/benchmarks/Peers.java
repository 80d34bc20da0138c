package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python peers: runs {@code benchmarks/peers/peers.py TASK ...} with the peers' virtual
 * environment (built by {@code benchmarks/peers/setup.sh}) and reads its JSON line. Its python is
 * {@code $TOPICJ_PEERS_PYTHON}, else the one named in {@code $TOPICJ_PEERS_HOME/python-path}
 * (default home {@code ~/.cache/topicj-peers}), else {@code $TOPICJ_PEERS_HOME/venv/bin/python}.
 * A peer that is missing is reported as not run, with how to set it up.
 */
final class Peers {
    static final String SETUP = "run benchmarks/peers/setup.sh (benchmarks/peers/README.md)";

    private final Path python;
    private final String missing;
    private final Path script;
    private final Duration timeout;
    private final Path logs;

    private Peers(Path python, String missing, Path script, Duration timeout, Path logs) {
        this.python = python;
        this.missing = missing;
        this.script = script;
        this.timeout = timeout;
        this.logs = logs;
    }

    /**
     * @param timeout how long one task may run
     * @param logs folder for the peers' output
     * @return the peers, or a stand-in whose every task is "not run" with the reason
     */
    static Peers find(Duration timeout, Path logs) {
        Path script = Path.of(System.getProperty("topicj.peers.script", "benchmarks/peers/peers.py"));
        if (!Files.isRegularFile(script)) {
            return new Peers(null, "no " + script.toAbsolutePath() + "; run the suite from the project root", script, timeout, logs);
        }
        String env = System.getenv("TOPICJ_PEERS_PYTHON");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? new Peers(p, null, script, timeout, logs)
                    : new Peers(null, "TOPICJ_PEERS_PYTHON=" + env + " is not an executable", script, timeout, logs);
        }
        Optional<Path> p = fromHome();
        return p.map(x -> new Peers(x, null, script, timeout, logs)).orElseGet(() -> new Peers(null,
                "no peers' python (TOPICJ_PEERS_PYTHON unset, none under " + home() + "); " + SETUP, script, timeout, logs));
    }

    private static Path home() {
        String h = System.getenv("TOPICJ_PEERS_HOME");
        return h != null && !h.isBlank() ? Path.of(h) : Path.of(System.getProperty("user.home"), ".cache", "topicj-peers");
    }

    private static Optional<Path> fromHome() {
        Path named = home().resolve("python-path");
        try {
            if (Files.isRegularFile(named)) {
                Path p = Path.of(Files.readString(named).strip());
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        } catch (IOException e) {
            // fall through to the default location
        }
        Path venv = home().resolve("venv/bin/python");
        return Files.isExecutable(venv) ? Optional.of(venv) : Optional.empty();
    }

    /** @return the python in use, or why there is none */
    String describe() {
        return python != null ? python.toString() : "none: " + missing;
    }

    /**
     * @param task a peers.py task
     * @param args its options
     * @return its result, or "not run" with the reason
     */
    Measurement run(String task, List<String> args) {
        if (python == null) {
            return Measurement.notRun(missing);
        }
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(), task));
        command.addAll(args);
        return ChildProcess.run(command, Map.of(), timeout, logs.resolve("peer-" + task + "-" + System.nanoTime()));
    }

    /** @return the peers' library versions, or a missing node if they cannot run */
    JsonNode versions() {
        if (python == null) {
            return MissingNode.getInstance();
        }
        List<String> command = List.of(python.toString(), script.toString(), "versions");
        return ChildProcess.run(command, Map.of(), Duration.ofMinutes(2), logs.resolve("peer-versions")).versions();
    }
}
