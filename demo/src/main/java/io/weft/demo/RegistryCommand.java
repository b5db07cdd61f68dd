package io.weft.demo;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A standalone embedded ZooKeeper for the separately started parts; runs until Ctrl-C. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Runs an embedded ZooKeeper until Ctrl-C.")
final class RegistryCommand extends DemoCommand {

    @Option(names = "--port", defaultValue = "2181", description = "Client port (default ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Override
    int run(PrintWriter out) throws Exception {
        EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(new InetSocketAddress(bind, port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping ZooKeeper");
            zk.close();
            stopped.countDown();
        }, "registry-shutdown"));
        out.println("registry   embedded ZooKeeper listening on " + bind + ":" + zk.port());
        out.println("           use --registry " + zk.registryAddress() + "   (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }
}
