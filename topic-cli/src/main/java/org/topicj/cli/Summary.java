package org.topicj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command's closing summary: a human line on standard error, or with {@code --json} one JSON
 * object on standard output (on standard error when the command writes its output there), and nothing
 * with {@code --quiet} unless {@code --json} asks for it.
 */
final class Summary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TopicjCommand root;
    private final CommandSpec spec;
    private final ObjectNode node = JSON.createObjectNode();
    private boolean stdoutTaken;

    private Summary(TopicjCommand root, CommandSpec spec) {
        this.root = root;
        this.spec = spec;
        node.put("command", spec.name());
    }

    static Summary of(TopicjCommand root, CommandSpec spec) {
        return new Summary(root, spec);
    }

    /** @param output the command's output; when it is standard output, the JSON summary goes to standard error @return this */
    Summary output(java.nio.file.Path output) {
        stdoutTaken |= OutputFiles.isStdout(output);
        return put("output", output.toString());
    }

    Summary put(String field, Object value) {
        node.set(field, JSON.valueToTree(value));
        return this;
    }

    /** @param human the line for people, on standard error */
    void print(String human) {
        if (root.json) {
            java.io.PrintWriter w = stdoutTaken ? spec.commandLine().getErr() : spec.commandLine().getOut();
            w.println(node.toString());
            w.flush();
        } else if (!root.quiet) {
            spec.commandLine().getErr().println(human);
        }
    }
}
