package org.topicj.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reports bad usage with exit code 2, naming what was mistyped: picocli would report a missing
 * required option before an unknown one, so "--outptu x" read as "--output is missing"; here an
 * unknown option is named first, with the closest known one.
 */
final class UsageErrors {
    private UsageErrors() {
    }

    static int report(CommandLine.ParameterException ex, String[] args, PrintWriter err) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        List<String> unknown = unknownOptions(spec, args);
        if (!unknown.isEmpty()) {
            for (String u : unknown) {
                err.println("error: unknown option '" + u + "'" + suggestion(spec, u));
            }
        } else {
            err.println("error: " + ex.getMessage());
        }
        err.println("Run 'topicj " + (spec.parent() == null ? "" : spec.name() + " ") + "--help' for the options.");
        return ExitCodes.BAD_INPUT;
    }

    /** Arguments that look like options but are none of this command's (or its parents'). */
    private static List<String> unknownOptions(CommandSpec spec, String[] args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("-") || a.equals("-") || a.equals("--")) {
                continue;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (name.matches("-\\d.*")) {
                continue; // a negative number given as a value
            }
            if (findOption(spec, name) == null && spec.subcommands().keySet().stream().noneMatch(name::equals)) {
                out.add(name);
            }
        }
        return out;
    }

    private static CommandLine.Model.OptionSpec findOption(CommandSpec spec, String name) {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            CommandLine.Model.OptionSpec o = s.findOption(name);
            if (o != null) {
                return o;
            }
        }
        return null;
    }

    private static String suggestion(CommandSpec spec, String unknown) {
        return spec.options().stream().flatMap(o -> java.util.Arrays.stream(o.names()))
                .filter(n -> n.startsWith("--"))
                .min(Comparator.comparingInt(n -> distance(n, unknown)))
                .filter(n -> distance(n, unknown) <= Math.max(2, unknown.length() / 3))
                .map(n -> "; did you mean " + n + "?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
