package io.weft.demo;

import io.weft.registry.support.LogLevels;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The demo's command line. Without a subcommand it runs {@code all}: an embedded ZooKeeper, two
 * providers and a consumer in one process. {@code registry}, {@code provider} and
 * {@code consumer} run the parts separately, e.g. in different terminals.
 */
@Command(name = "weft-demo",
        mixinStandardHelpOptions = true,
        version = "weft-demo 0.2.0-SNAPSHOT",
        description = "Weft demo: a Greeter service on ZooKeeper. Without a subcommand, runs 'all'.",
        footer = "  --verbose (anywhere)  Libraries' INFO and Weft's DEBUG log lines too (quiet by default).",
        subcommands = {
            AllCommand.class,
            RegistryCommand.class,
            ProviderCommand.class,
            ConsumerCommand.class,
            GovernanceCommand.class,
            MeshCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DemoMain {
    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private DemoMain() {}

    public static void main(String[] args) {
        int code = 1;
        try {
            code = run(LogLevels.apply(args), System.out, System.err);
        } catch (Throwable e) {
            System.err.println("error: " + e);
        } finally {
            // Exit even if a library left non-daemon threads behind.
            System.exit(code);
        }
    }

    /**
     * Runs the command line {@code args} and returns the exit code instead of exiting: 0 when
     * everything worked, 1 when a call failed or the demo could not start, 2 for a usage error.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cmd = new CommandLine(new DemoMain())
                .registerConverter(Duration.class, new DurationConverter())
                .setOut(outWriter)
                .setErr(errWriter)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    PrintWriter w = commandLine.getErr();
                    w.println("error: " + CallLoop.describe(e));
                    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                        w.println("  caused by: " + c);
                    }
                    return 1;
                });
        try {
            return cmd.execute(withDefaultCommand(args));
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** No subcommand, or only {@code all}'s options ({@code --duration 3s}), means {@code all}. */
    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0 || (args[0].startsWith("-") && !TOP_LEVEL_OPTIONS.contains(args[0]))) {
            String[] withAll = new String[args.length + 1];
            withAll[0] = "all";
            System.arraycopy(args, 0, withAll, 1, args.length);
            return withAll;
        }
        return Arrays.copyOf(args, args.length);
    }
}
