package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * The application behind one of two sidecars dies under load (its Python process is killed): its
 * sidecar notices within about 3 s and unregisters, and idempotent calls fail over meanwhile.
 */
class AppDeathIT {
    static final String PY = PyGreeter.class.getName();

    @Test
    void killedApplicationLeavesRotationWithinSecondsAndIdempotentCallsFailOver() throws Exception {
        PythonApp.assumePython();
        try (TestingServer zookeeper = new TestingServer(true);
             PythonApp py1 = PythonApp.start("py1");
             PythonApp py2 = PythonApp.start("py2")) {
            String registry = "zookeeper://" + zookeeper.getConnectString();
            SidecarSettings settings = SidecarSettings.parse(List.of("--app", "py-greeter", "--registry", registry,
                    "--service", PY + "=who", "--port", "0", "--outbound-port", "0"), WeftConfig.empty());
            WeftConfig base = WeftConfig.of(Map.of(WeftConfig.SERVER_HOST, "127.0.0.1"));
            try (Sidecar s1 = Sidecar.start(settings.withAppUrl(py1.url()), base);
                 Sidecar s2 = Sidecar.start(settings.withAppUrl(py2.url()), base);
                 Weft consumer = Weft.create(WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, registry,
                         WeftConfig.APPLICATION, "load")));
                 Registry admin = AdminRegistry.open(registry)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> admin.list(PY, InstanceRole.PROVIDER).size() == 2);
                GenericReference greeter = consumer.genericReference(PY, ReferenceOptions.defaults());
                AtomicBoolean running = new AtomicBoolean(true);
                Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
                List<Thread> load = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Thread th = new Thread(() -> {
                        while (running.get()) {
                            String outcome;
                            try {
                                outcome = greeter.callAsync(GenericRequest.builder("who").idempotent(true)
                                        .timeout(Duration.ofSeconds(5)).build()).join();
                            } catch (CompletionException e) {
                                outcome = e.getCause() instanceof RpcException rpc ? rpc.status() + " "
                                        + rpc.description() : e.getCause().toString();
                            }
                            outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                        }
                    });
                    th.start();
                    load.add(th);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.containsKey("\"py1\"")
                        && outcomes.containsKey("\"py2\""));

                long killedAt = System.nanoTime();
                py1.kill();
                await().atMost(Duration.ofSeconds(8)).until(() -> admin.list(PY, InstanceRole.PROVIDER).size() == 1);
                long goneMs = (System.nanoTime() - killedAt) / 1_000_000;
                int py2Before = outcomes.get("\"py2\"").get();
                await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.get("\"py2\"").get() > py2Before + 50);
                running.set(false);
                for (Thread th : load) {
                    th.join(10_000);
                }

                System.out.println("application killed: its node was gone after " + goneMs + " ms; outcomes "
                        + outcomes);
                assertThat(goneMs).isLessThan(6000);
                assertThat(s1.inRotation()).isFalse();
                assertThat(outcomes.keySet()).as("outcomes %s", outcomes).containsOnly("\"py1\"", "\"py2\"");
            }
        }
    }
}
