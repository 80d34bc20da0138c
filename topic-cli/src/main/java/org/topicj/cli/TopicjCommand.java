package org.topicj.cli;

import java.io.PrintWriter;
import org.topicj.cli.input.InputFormatException;
import org.topicj.embed.InvalidKeyException;
import org.topicj.embed.UnsupportedOptionException;
import org.topicj.matrix.NpyFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code topicj}: topics from the command line. Subcommands {@code backends}, {@code embed}, {@code distill},
 * {@code fit} and {@code transform}; their options and output files are a fixed contract.
 * Exit codes: 0 success, 1 failure, 2 bad usage or malformed input (nothing written).
 */
@Command(name = "topicj", mixinStandardHelpOptions = true, versionProvider = TopicjCommand.Version.class,
        description = "Neural topic modeling on the JVM: embeddings, UMAP, HDBSCAN, c-TF-IDF.",
        footer = {"", "Exit codes: 0 success, 1 failure, 2 bad usage or input (nothing written).",
                "Run 'topicj COMMAND --help' for a command's options and examples."},
        subcommands = {DemoCommand.class, BackendsCommand.class, EmbedCommand.class, DistillCommand.class, ReduceCommand.class,
                ClusterCommand.class, FitCommand.class, TransformCommand.class, MergeCommand.class, HierarchyCommand.class,
                CommandLine.HelpCommand.class,
                picocli.AutoComplete.GenerateCompletion.class})
public final class TopicjCommand {

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No progress bar or summary on stderr.")
    boolean quiet;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Debug logging, and stack traces on errors.")
    boolean verbose;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the summary as one JSON object on standard output.")
    boolean json;

    /** Standard input and output as bytes: {@code -} as a file name reads or writes them. */
    java.io.InputStream stdin = System.in;
    java.io.OutputStream stdout = System.out;

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        configureLogging(args);
        System.exit(run(args, System.in, System.out, new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with byte streams for {@code -} inputs and outputs.
     *
     * @param args the arguments
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, java.io.InputStream in, java.io.OutputStream out, PrintWriter err) {
        PrintWriter text = new PrintWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true);
        return run(args, in, out, text, err);
    }

    /**
     * Runs the command line without exiting; for tests and embedding.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, new WriterOutputStream(out), out, err);
    }

    private static int run(String[] args, java.io.InputStream in, java.io.OutputStream bytes, PrintWriter out, PrintWriter err) {
        TopicjCommand root = new TopicjCommand();
        root.stdin = in;
        root.stdout = bytes;
        CommandLine cmd = new CommandLine(root);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, root.verbose, err));
        cmd.setParameterExceptionHandler((ex, arguments) -> UsageErrors.report(ex, arguments, err));
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int report(Exception ex, boolean verbose, PrintWriter err) {
        err.println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        if (verbose) {
            ex.printStackTrace(err);
        } else if (!isBadInput(ex)) {
            err.println("(run with --verbose for the stack trace)");
        }
        return isBadInput(ex) ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
    }

    private static boolean isBadInput(Exception ex) {
        return ex instanceof InputFormatException || ex instanceof NpyFormatException
                || ex instanceof InvalidKeyException || ex instanceof UnsupportedOptionException
                || ex instanceof org.topicj.registry.BackendNotFoundException || ex instanceof org.topicj.registry.AmbiguousBackendException
                || ex instanceof org.topicj.embed.ModelNotFoundException || ex instanceof org.topicj.io.CorruptModelException
                || ex instanceof org.topicj.topics.UntrustedEmbedderException
                || ex instanceof CommandLine.ParameterException
                // Data the algorithms cannot take (NaN, too few points) is reported as IllegalArgumentException.
                || ex instanceof IllegalArgumentException;
    }

    /** slf4j-simple reads its level once, at the first logger: set it before anything logs. */
    private static void configureLogging(String[] args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        }
        if (!verbose && System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
            // DJL warns about CUDA probing on every start of a CPU-only machine; nothing to act on.
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        }
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TopicjCommand.class.getPackage().getImplementationVersion();
            return new String[] {"topicj " + (v == null ? "(development build)" : v)};
        }
    }
}
