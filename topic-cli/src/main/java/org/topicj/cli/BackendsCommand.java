package org.topicj.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.topicj.registry.EmbedderRegistry;
import org.topicj.registry.Embedders;
import org.topicj.registry.InstalledProvider;
import org.topicj.registry.ProviderFailure;
import org.topicj.spi.EmbedderProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code topicj backends}: one line per installed provider: name, rank, artifact, claimed ids. */
@Command(name = "backends", mixinStandardHelpOptions = true, description = "List the installed embedding backends: name, rank, artifact, the bare ids each claims.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--details", description = "Also print each backend's options, classes, jars, load failures and the environment.")
    boolean details;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbedderRegistry registry = Embedders.registry();
        List<InstalledProvider> providers = registry.providers();
        int nameWidth = providers.stream().mapToInt(p -> p.name().length()).max().orElse(0);
        int artifactWidth = providers.stream().mapToInt(p -> p.provider().artifact().length()).max().orElse(0);
        for (InstalledProvider ip : providers) {
            EmbedderProvider p = ip.provider();
            out.printf("%-" + nameWidth + "s  rank %-4d  %-" + artifactWidth + "s  claims: %s%n",
                    p.name(), p.rank(), p.artifact(), p.claimsDescription());
        }
        if (providers.isEmpty()) {
            err.println("no embedding backends installed; add one such as org.topicj:backend-sbert to the class path");
        }
        for (ProviderFailure f : registry.failures()) {
            err.println("warning: a provider failed to load: " + f);
        }
        if (details) {
            for (InstalledProvider ip : providers) {
                out.println();
                out.println(ip.name() + (ip.provider().remote() ? " (remote: sends texts to a service)" : "") + " options:");
                ip.provider().options().forEach(o -> out.println("  " + o.describe()));
            }
            out.println();
            out.print(Embedders.describeEnvironment());
        }
        return ExitCodes.OK;
    }
}
