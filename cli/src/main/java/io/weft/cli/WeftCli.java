package io.weft.cli;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import io.weft.registry.support.LogLevels;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code weft} command (DESIGN §11): {@code ls}, {@code describe}, {@code call} and
 * {@code rules get|put|rm|history|rollback} against the registry of {@code --registry} or
 * {@code weft.registry.address}. Exit codes: 0 success, 2 usage error, a failed {@code call} its status
 * number, any other failure 1; failures print their message on stderr (and, with {@code --json}, a JSON
 * object {@code {"error": …}} on stdout).
 */
@Command(name = "weft", mixinStandardHelpOptions = true, version = "weft 0.2.0-SNAPSHOT",
        subcommands = {LsCommand.class, DescribeCommand.class, CallCommand.class, RulesCommand.class},
        description = "Lists, describes and calls Weft services and reads and changes their rules.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:usage error", "N:a failed call: its status number (e.g. 14 = UNAVAILABLE)",
                "1:any other failure"},
        footer = "%n--verbose (anywhere): libraries' INFO and Weft's DEBUG log lines too (quiet by default).")
public final class WeftCli implements Callable<Integer> {
    /** Exit code of a failure that is neither a usage error nor a failed call. */
    static final int FAILED = 1;
    /** Exit code of a usage error. */
    static final int USAGE = 2;

    @Option(names = "--registry", scope = ScopeType.INHERIT, paramLabel = "ADDRESS",
            description = "Registry, e.g. zookeeper://127.0.0.1:2181 or etcd://127.0.0.1:2379 "
                    + "(default: weft.registry.address or WEFT_REGISTRY_ADDRESS).")
    String registry;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable output (JSON).")
    boolean json;

    final PrintStream out;
    final PrintStream err;
    private final WeftConfig config;

    WeftCli(PrintStream out, PrintStream err, WeftConfig config) {
        this.out = out;
        this.err = err;
        this.config = config;
    }

    public static void main(String[] args) {
        // Quiet by default: libraries' warnings only (simplelogger.properties; gRPC's java.util.logging too).
        args = LogLevels.apply(args);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, System.err));
    }

    /**
     * Runs one command, printing to {@code out} and {@code err}, with the configuration of
     * {@link WeftConfig#load()}.
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, WeftConfig.load());
    }

    static int run(String[] args, PrintStream out, PrintStream err, WeftConfig config) {
        WeftCli cli = new WeftCli(out, err, config);
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((e, args2) -> {
            err.println("weft: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> cli.fail(e));
        return commandLine.execute(args);
    }

    /** {@code weft} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        CommandLine.usage(this, err);
        return USAGE;
    }

    /** The configuration with {@code --registry} applied. */
    WeftConfig config() {
        return registry == null ? config : config.with(WeftConfig.REGISTRY_ADDRESS, registry);
    }

    /** A connection to the registry; the caller closes it. */
    Registry connect() {
        RegistryAddress address;
        try {
            address = registry != null ? RegistryAddress.parse(registry)
                    : config.registryAddress().orElseThrow(() -> new CliFailure(USAGE,
                            "no registry: pass --registry ADDRESS or set weft.registry.address"));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(USAGE, "bad --registry: " + e.getMessage());
        }
        return RegistryFactory.forScheme(address.scheme(), WeftCli.class.getClassLoader())
                .orElseThrow(() -> new CliFailure(USAGE, "no registry module for scheme '" + address.scheme()
                        + "' (zookeeper and etcd are built in)"))
                .create(address, config());
    }

    /** Prints {@code value} as indented JSON on stdout. */
    void printJson(Object value) {
        out.println(Json.pretty(value));
    }

    /** Reports a failure and answers its exit code. */
    int fail(Exception e) {
        CliFailure failure = CliFailure.of(e);
        failure.lines().forEach(err::println);
        if (json) {
            printJson(failure.json());
        }
        return failure.exitCode();
    }
}
