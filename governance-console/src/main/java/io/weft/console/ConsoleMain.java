package io.weft.console;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.registry.support.LogLevels;
import io.weft.registry.support.UnknownKeys;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar weft-console.jar --registry zookeeper://127.0.0.1:2181 --port 8080}: starts the
 * console, prints its URL (and the generated admin password when {@code weft.console.password} is
 * not configured), and serves until the process is stopped.
 */
@Command(name = "weft-console", mixinStandardHelpOptions = true,
        description = "Weft governance console: see services and edit rules in a browser.",
        footer = "  --verbose          Libraries' INFO and Weft's DEBUG log lines too (quiet by default).")
public final class ConsoleMain implements Callable<Integer> {
    @Option(names = "--registry", description = "Registry address (default: weft.registry.address), "
            + "e.g. zookeeper://127.0.0.1:2181 or etcd://127.0.0.1:2379.")
    String registry;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port, 0 = any free (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--history-minutes", defaultValue = "60", description = "How many minutes of calls/s, error "
            + "rate, p99 and health the charts keep in memory (default ${DEFAULT-VALUE}, up to 1440); one point per 5 s, "
            + "or per minutes/720 when longer, so memory stays the same.")
    int historyMinutes;

    @Option(names = "--users-file", description = "JSON file of the console's users and API tokens (hashes only; "
            + "created if missing; replicas may share it). Without it: one admin, 'admin', in memory.")
    java.nio.file.Path usersFile;

    @Option(names = "--tls-cert", description = "PEM certificate chain: serve HTTPS (with --tls-key).")
    java.nio.file.Path tlsCert;

    @Option(names = "--tls-key", description = "PEM PKCS#8 private key of --tls-cert.")
    java.nio.file.Path tlsKey;

    @Option(names = "--trusted-proxy", paramLabel = "CIDR", description = "A proxy whose X-Forwarded-For names the "
            + "client (login throttling, audit); repeatable. Without it X-Forwarded-For is ignored.")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConsoleMain()).execute(LogLevels.apply(args)));
    }

    @Override
    public Integer call() throws InterruptedException {
        WeftConfig config = WeftConfig.load();
        UnknownKeys.reportOnce(config);
        RegistryAddress address = registry != null ? RegistryAddress.parse(registry)
                : config.registryAddress().orElseThrow(() -> new CommandLine.ParameterException(
                        new CommandLine(this), "no registry: pass --registry or set weft.registry.address"));
        if (historyMinutes < 1 || historyMinutes > 24 * 60) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--history-minutes must be from 1 to 1440, got " + historyMinutes);
        }
        ConsoleOptions options = ConsoleOptions.fromConfig(config, host, port)
                .withHistory(ConsoleOptions.DEFAULT_HISTORY_STEP.multipliedBy(Math.max(1, historyMinutes / 60)),
                        Duration.ofMinutes(historyMinutes))
                .withUsersFile(usersFile).withTrustedProxies(trustedProxies);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--tls-cert and --tls-key go together");
        }
        if (tlsCert != null) {
            options = options.withTls(tlsCert, tlsKey);
        }
        boolean existingUsers = usersFile != null && java.nio.file.Files.exists(usersFile);
        GovernanceConsole console = GovernanceConsole.start(address, config, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }, "weft-console-shutdown"));
        System.out.println("console    " + console.url() + " (registry " + address + ")");
        System.out.println(existingUsers ? "login      users from " + usersFile
                : usersFile != null ? credentials(options).replace("(generated for this run;",
                        "for user admin (generated, kept as a bcrypt hash in " + usersFile + ";")
                : credentials(options));
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The login line: the generated password, shown once, or where the configured one comes from. */
    public static String credentials(ConsoleOptions options) {
        return options.passwordGenerated()
                ? "login      password " + options.password() + " (generated for this run; set "
                        + ConsoleOptions.PASSWORD + " or WEFT_CONSOLE_PASSWORD to choose one)"
                : "login      password from " + ConsoleOptions.PASSWORD;
    }
}
