package io.weft.demo;

import io.weft.WeftConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One provider of {@link Greeter}, registered in the given registry, until Ctrl-C or SIGTERM. A
 * shutdown hook closes Weft gracefully, so the registry node disappears at once.
 */
@Command(name = "provider", mixinStandardHelpOptions = true,
        description = "Serves the Greeter until Ctrl-C/SIGTERM (then unregisters at once).")
final class ProviderCommand extends DemoCommand {

    @Option(names = "--port", description = "Port to listen on (default: weft.server.port, 20880; 0 = any free).")
    Integer port;

    @Option(names = "--host", description = "Address to listen on and register (default: weft.server.host, else 127.0.0.1).")
    String host;

    @Mixin
    PartOptions part;

    @Option(names = "--tag", description = "A registry tag, e.g. --tag env=canary (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--name", description = "Label shown to consumers (default: provider-<pid>).")
    String name;

    @Override
    int run(PrintWriter out) throws Exception {
        WeftConfig config = part.config(Labels.PROVIDER_APP);
        if (host != null) {
            config = config.with(WeftConfig.SERVER_HOST, host);
        } else if (config.serverHost().isEmpty()) {
            config = config.with(WeftConfig.SERVER_HOST, "127.0.0.1");
        }
        if (port != null) {
            config = config.with(WeftConfig.SERVER_PORT, Integer.toString(port));
        }
        String label = name != null ? name : "provider-" + ProcessHandle.current().pid();

        ProviderNode node = ProviderNode.start(config, label, tags, event -> { });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println(label + ": stopping gracefully (unregister, GOAWAY, drain)");
            node.close();
            out.println(label + ": stopped after " + node.greeter().greetings() + " greetings, "
                    + node.greeter().notifications() + " notifications");
            stopped.countDown();
        }, "provider-shutdown"));

        out.println(label + ": serving " + Greeter.class.getName() + " on " + node.address() + " (" + node.tagsText()
                + "), registered in " + config.registryAddress().orElseThrow()
                + " as application " + config.application().orElseThrow());
        node.adminAddress().ifPresent(a -> out.println(label + ": admin endpoint http://"
                + (a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress()) + ":" + a.getPort()
                + "/metrics (also /health, /ready)"));
        out.println(label + ": Ctrl-C to stop (unregisters at once); kill -9 leaves the node until the session expires");

        long reported = -1;
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            long served = node.greeter().greetings() + node.greeter().notifications();
            if (served != reported) {
                reported = served;
                out.println(label + ": served " + node.greeter().greetings() + " greetings, "
                        + node.greeter().notifications() + " notifications");
            }
        }
        return 0;
    }
}
