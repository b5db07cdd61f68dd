package io.weft.registry.zookeeper.it;

import io.weft.registry.tests.Greeting;
import io.weft.registry.tests.GreetingImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.ExportOptions;
import io.weft.ServiceInstance;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.registry.support.InstanceJson;
import io.weft.registry.zookeeper.RawZooKeeper;
import io.weft.test.WeftExtension;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Providers and consumers finding each other through a real ZooKeeper. */
class DiscoveryIT {
    private static final String PROVIDERS = "/weft/services/" + Greeting.class.getName() + "/providers";

    @RegisterExtension
    final WeftExtension zooKeeper = WeftExtension.zooKeeper(); // a registry per test: tests count nodes
    private CuratorFramework observer;

    @BeforeEach
    void start() throws InterruptedException {
        observer = RawZooKeeper.connect(zooKeeper.registryAddress(), null);
    }

    @AfterEach
    void stop() {
        observer.close();
    }

    private Weft provider(String name, String... settings) {
        Weft weft = zooKeeper.newWeft("greeting", settings);
        weft.export(Greeting.class, new GreetingImpl(name), ExportOptions.builder().tag("name", name).build());
        return weft;
    }

    private List<String> providerNodes() throws Exception {
        try {
            return observer.getChildren().forPath(PROVIDERS);
        } catch (KeeperException.NoNodeException e) {
            return List.of(); // never created, or the empty container node was reaped
        }
    }

    @Test
    void providerNodeHoldsTheInstanceJsonAtTheContractPath() throws Exception {
        Weft p = provider("p1", "weft.status.interval-ms", "200");
        int port = p.serverAddress().orElseThrow().getPort();
        String path = PROVIDERS + "/127.0.0.1:" + port;
        byte[] json = observer.getData().forPath(path);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"service\":\"" + Greeting.class.getName() + "\"",
                "\"instanceId\":\"127.0.0.1:" + port + "\"", "\"application\":\"greeting\"",
                "\"protocol\":\"weft/1\"", "\"serializations\":[\"hessian2\",\"json\"]", "\"methods\":[\"greet\",\"who\"]",
                "\"tags\":{\"name\":\"p1\"}", "\"weight\":100", "\"status\":{");
        ServiceInstance first = InstanceJson.decode(json);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                InstanceJson.decode(observer.getData().forPath(path)).status().updatedAt()
                        > first.status().updatedAt());
    }

    @Test
    void consumerDiscoversEveryProviderAndRegistersItself() throws Exception {
        provider("p1");
        provider("p2");
        Greeting greeting = zooKeeper.newWeft("web").reference(Greeting.class);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            assertThat(greeting.greet("Ada")).isEqualTo("Hello, Ada");
            answered.add(greeting.who());
            return answered.size() == 2;
        });
        String consumers = "/weft/services/" + Greeting.class.getName() + "/consumers";
        List<String> ids = observer.getChildren().forPath(consumers);
        assertThat(ids).hasSize(1);
        assertThat(InstanceJson.decode(observer.getData().forPath(consumers + "/" + ids.get(0))).application())
                .isEqualTo("web");
    }

    @Test
    void consumerStartedBeforeAnyProviderWaitsForOne() throws Exception {
        Greeting greeting = zooKeeper.newWeft("web", WeftConfig.CLIENT_TIMEOUT_MS, "10000").reference(Greeting.class);
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> greeting.greet("early"));
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.checkExists()
                .forPath("/weft/services/" + Greeting.class.getName() + "/consumers") != null);
        assertThat(call).isNotDone();
        provider("late");
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("Hello, early");
    }

    @Test
    void stoppedProviderDisappearsAtOnceAndNoCallFails() throws Exception {
        Weft p1 = provider("p1");
        provider("p2");
        Greeting greeting = zooKeeper.newWeft("web").reference(Greeting.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> providerNodes().size() == 2);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Map<String, Integer> answered = new ConcurrentHashMap<>();
        CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                try {
                    answered.merge(greeting.who(), 1, Integer::sum);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() == 2);
        p1.close();
        assertThat(providerNodes()).hasSize(1);
        int p2Before = answered.get("p2");
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.get("p2") > p2Before + 100);
        running.set(false);
        caller.get(10, TimeUnit.SECONDS);
        assertThat(failures).isEmpty();
    }

    @Test
    void killedProviderDisappearsWithinTheSessionTimeout() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                GreetingProcess.class.getName(), zooKeeper.registryAddress(), "killed", "3000")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("READY")) {
                            return line;
                        }
                    }
                    return "exited";
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            assertThat(ready.get(30, TimeUnit.SECONDS)).startsWith("READY");
            Greeting greeting = zooKeeper.newWeft("web").reference(Greeting.class);
            assertThat(greeting.who()).isEqualTo("killed");
            assertThat(providerNodes()).hasSize(1);
            process.destroyForcibly(); // SIGKILL: no unregistration, the session must expire
            long killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).until(() -> providerNodes().isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(10));
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
