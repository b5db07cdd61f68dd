package io.weft.registry.zookeeper.it;

import io.weft.registry.tests.Greeting;
import io.weft.registry.tests.GreetingImpl;

import io.weft.Weft;
import io.weft.WeftConfig;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** A provider in its own JVM, so a test can kill it with SIGKILL. Prints READY when registered. */
public final class GreetingProcess {
    private GreetingProcess() {}

    public static void main(String[] args) throws InterruptedException {
        String name = args[1];
        Weft weft = Weft.create(WeftConfig.of(Map.of(
                WeftConfig.REGISTRY_ADDRESS, args[0],
                WeftConfig.APPLICATION, "greeting",
                WeftConfig.SERVER_HOST, "127.0.0.1",
                WeftConfig.SERVER_PORT, "0",
                "weft.registry.session-timeout-ms", args[2])));
        weft.export(Greeting.class, new GreetingImpl(name));
        System.out.println("READY " + weft.serverAddress().orElseThrow().getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
