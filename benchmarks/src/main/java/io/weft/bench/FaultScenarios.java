package io.weft.bench;

import io.weft.ReferenceOptions;
import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.test.etcd.EtcdCluster;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.test.TestingServer;

/**
 * Repeatable fault scenarios (issue #13 items 5–9) on loopback, each printing a timeline in 200 ms
 * buckets and a summary. Providers that must receive signals run as child JVMs.
 * <ul>
 *   <li>{@code hung} — 3 providers, 8 callers through ZooKeeper; one provider gets SIGSTOP;</li>
 *   <li>{@code join} — 2 providers, 8 callers; a third provider joins;</li>
 *   <li>{@code burst} — one provider with a 100 ms method (200 threads: 2,000 calls/s) gets
 *       6,000 calls/s open-loop for 6 s, after 50 sequential warm-up calls
 *       ({@code -Dweft.bench.burst-warmup=0}: none, so the provider has no service-time sample) and, with
 *       {@code -Dweft.bench.burst-base-seconds=N}, N s at 1,000 calls/s (half the capacity: a provider in
 *       service, its code compiled); the provider runs in its own JVM. Diagnosis of the cold start:
 *       {@code -Dweft.bench.burst-provider-self-warmup=N} (the provider calls itself N times first) and
 *       {@code -Dweft.bench.burst-consumer-only-warmup=N} (the driver calls an in-process provider N times first);</li>
 *   <li>{@code resync} — 3 providers; ZooKeeper stops for longer than the session timeout and comes
 *       back; every provider list a watch publishes is printed;</li>
 *   <li>{@code startup} — a consumer starting while ZooKeeper is unreachable, then with an unknown
 *       host; a consumer starting while etcd is unreachable; a provider closing while etcd is down.</li>
 * </ul>
 * Other {@code weft.*} system properties are passed to every Weft (e.g. {@code -Dweft.client.warmup-ms=0}).
 * {@code -Dweft.bench.provider-cpus=1} starts the provider JVMs under {@code taskset -c 1}; with the driver
 * itself under {@code taskset -c 0}, driver and provider no longer take CPU from each other.
 */
public final class FaultScenarios {
    private FaultScenarios() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "provider" -> provider(args[1], Integer.parseInt(args[2]));
            case "hung" -> hung();
            case "join" -> join();
            case "burst" -> burst();
            case "resync" -> resync();
            case "startup" -> startup();
            default -> throw new IllegalArgumentException("usage: hung | join | burst | resync | startup");
        }
        System.exit(0);
    }

    /** A provider JVM: Echo (and SlowEcho answering after {@code delayMs}) registered at {@code registry}. */
    private static void provider(String registry, int delayMs) throws InterruptedException {
        Map<String, String> c = echoProviderSettings();
        if (!registry.equals("none")) {
            c.put(WeftConfig.REGISTRY_ADDRESS, registry);
        }
        Weft weft = Weft.create(config(c));
        weft.export(Echo.class, text -> text);
        weft.export(SlowEcho.class, text -> {
            sleep(delayMs);
            return CompletableFuture.completedFuture(text);
        });
        int selfWarm = Integer.getInteger("weft.bench.burst-provider-self-warmup", 0);
        if (selfWarm > 0) { // diagnosis: a provider whose call path has run, facing a consumer that has not
            warmThroughOwnClient(weft.serverAddress().orElseThrow().getPort(), selfWarm);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(weft::close));
        System.out.println("READY " + weft.serverAddress().orElseThrow().getPort() + " " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.currentThread().join();
    }

    // ---- hung provider (item 5) ----

    private static void hung() throws Exception {
        withCallers(3, (providers, registry, t) -> {
            t.mark("SIGSTOP provider " + providers.pid(0));
            signal(providers.pid(0), "STOP");
            sleep(6000);
            t.stop();
            signal(providers.pid(0), "CONT");
        });
    }

    // ---- a provider joins (item 7) ----

    private static void join() throws Exception {
        withCallers(2, (providers, registry, t) -> {
            providers.start(registry, 0);
            t.mark("third provider READY (pid " + providers.pid(2) + ")");
            sleep(4000);
            t.stop();
        });
    }

    /** What happens to the providers of {@link #withCallers} while the timeline runs; it stops the timeline. */
    @FunctionalInterface
    private interface Event {
        void happen(Providers providers, String registry, Timeline t) throws Exception;
    }

    /**
     * {@code count} provider JVMs and 8 closed-loop callers through ZooKeeper: after 4 s of warm-up the
     * timeline starts, 2 s later {@code event} happens; then the timeline and its recovery are printed.
     */
    private static void withCallers(int count, Event event) throws Exception {
        try (TestingServer zk = new TestingServer(true); Providers providers = new Providers()) {
            String registry = "zookeeper://" + zk.getConnectString();
            for (int i = 0; i < count; i++) {
                providers.start(registry, 0);
            }
            try (Weft consumer = consumer(registry)) {
                Echo echo = consumer.reference(Echo.class);
                Timeline t = new Timeline();
                try (Callers callers = new Callers(8, t, () -> echo.echo("x"))) {
                    sleep(4000);
                    t.start();
                    sleep(2000);
                    event.happen(providers, registry, t);
                }
                t.print();
                t.recovery();
            }
        }
    }

    // ---- overload burst (item 8) ----

    private static void burst() throws Exception {
        try (Providers providers = new Providers()) {
            int port = providers.start("none", 100);
            try (Weft consumer = Weft.create(config(Map.of()))) {
                SlowEcho echo = consumer.reference(SlowEcho.class,
                        ReferenceOptions.builder().directAddress("127.0.0.1:" + port).build());
                int warmup = Integer.getInteger("weft.bench.burst-warmup", 50); // 0: the burst meets a cold provider
                int consumerOnly = Integer.getInteger("weft.bench.burst-consumer-only-warmup", 0);
                if (consumerOnly > 0) { // diagnosis: a consumer whose call path has run, facing a cold provider
                    try (Weft local = Weft.create(config(echoProviderSettings()))) {
                        local.export(SlowEcho.class, text -> CompletableFuture.completedFuture(text));
                        warmThroughOwnClient(local.serverAddress().orElseThrow().getPort(), consumerOnly);
                    }
                }
                for (int i = 0; i < warmup; i++) {
                    echo.echo("warm").join();
                }
                // Optionally a steady phase below capacity first (a provider in service, its code compiled);
                // by default the burst meets a provider that has served only the sequential warm-up calls.
                int baseSeconds = Integer.getInteger("weft.bench.burst-base-seconds", 0);
                if (baseSeconds > 0) {
                    openLoop(echo, null, 1, baseSeconds);
                }
                Timeline t = new Timeline();
                t.start();
                System.out.println("burst starts at " + java.time.Instant.now() + " (to line up with GC or JIT logs)");
                long[] lagMax = openLoop(echo, t, 6, 6); // 6 calls every millisecond for 6 s
                sleep(5000); // seconds 0–10: the burst and its drain
                t.stop();
                t.print();
                t.perSecond();
                System.out.print("sender lag behind schedule, max per second (ms):");
                for (long lag : lagMax) {
                    System.out.print(" " + lag / 1_000_000);
                }
                System.out.println();
            }
        }
    }

    /** {@code calls} sequential SlowEcho calls from a new consumer Weft to 127.0.0.1:{@code port}. */
    private static void warmThroughOwnClient(int port, int calls) {
        try (Weft w = Weft.create(config(Map.of()))) {
            SlowEcho e = w.reference(SlowEcho.class, ReferenceOptions.builder().directAddress("127.0.0.1:" + port).build());
            for (int i = 0; i < calls; i++) {
                e.echo("warm").join();
            }
        }
    }

    /**
     * Open loop: {@code perMilli} calls every millisecond on schedule for {@code seconds}, each timed from
     * when it was due, so a sender that falls behind shows as latency, not as a lower rate (no
     * coordinated omission). Records into {@code t} (null: nothing). Returns the sender's largest lag
     * behind schedule in each second, in nanoseconds.
     */
    private static long[] openLoop(SlowEcho echo, Timeline t, int perMilli, int seconds) throws InterruptedException {
        long origin = t == null ? System.nanoTime() : t.origin();
        long end = origin + TimeUnit.SECONDS.toNanos(seconds);
        long[] lagMax = new long[seconds + 1];
        for (long due = origin; due - end < 0; due += 1_000_000) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int second = (int) ((due - origin) / 1_000_000_000L);
            lagMax[second] = Math.max(lagMax[second], System.nanoTime() - due);
            for (int i = 0; i < perMilli; i++) {
                long start = due;
                CompletableFuture<String> call = echo.echo("x");
                if (t != null) {
                    call.whenComplete((r, e) -> t.record(start, e));
                }
            }
        }
        return lagMax;
    }

    // ---- provider list resync after a ZooKeeper outage (item 6) ----

    private static void resync() throws Exception {
        int port = ChildJvm.freePort();
        TestingServer zk = new TestingServer(port, true);
        String registry = "zookeeper://" + zk.getConnectString();
        List<Weft> providers = new ArrayList<>();
        Map<String, String> shortSession = Map.of("weft.registry.session-timeout-ms", "2000");
        try {
            for (int i = 0; i < 3; i++) {
                Map<String, String> c = echoProviderSettings();
                c.putAll(shortSession);
                c.put(WeftConfig.REGISTRY_ADDRESS, registry);
                Weft p = Weft.create(config(c));
                p.export(Echo.class, text -> text);
                providers.add(p);
            }
            WeftConfig watcherConfig = config(new HashMap<>(Map.of(WeftConfig.REGISTRY_ADDRESS, registry,
                    "weft.registry.session-timeout-ms", "2000")));
            RegistryAddress address = watcherConfig.registryAddress().orElseThrow();
            RegistryFactory factory = RegistryFactory.forScheme(address.scheme(), FaultScenarios.class.getClassLoader())
                    .orElseThrow();
            List<String> published = new CopyOnWriteArrayList<>();
            long[] origin = {System.nanoTime()};
            try (Registry watcher = factory.create(address, watcherConfig);
                 Registry.Watch w = watcher.watch(Echo.class.getName(), InstanceRole.PROVIDER, list ->
                         published.add(String.format("%6d ms  %d %s", (System.nanoTime() - origin[0]) / 1_000_000,
                                 list.size(), list.stream().map(ServiceInstance::port).sorted().toList())))) {
                sleep(2000);
                origin[0] = System.nanoTime();
                published.add("     0 ms  ZooKeeper stopped");
                zk.stop();
                sleep(4000);
                published.add(String.format("%6d ms  ZooKeeper restarted", (System.nanoTime() - origin[0]) / 1_000_000));
                zk.restart();
                sleep(12_000);
                published.forEach(System.out::println);
                long shrunk = published.stream().filter(s -> s.contains(" ms  ") && !s.contains("ZooKeeper")
                        && !s.contains(" 3 [")).count();
                System.out.println("publications with fewer than 3 providers after the first: "
                        + Math.max(0, shrunk));
            }
        } finally {
            providers.forEach(Weft::close);
            zk.close();
        }
    }

    // ---- start-up without a registry, shutdown while etcd is down (item 9) ----

    private static void startup() throws Exception {
        int port = ChildJvm.freePort();
        long t0 = System.nanoTime();
        try (Weft w = Weft.create(config(Map.of(WeftConfig.REGISTRY_ADDRESS, "zookeeper://127.0.0.1:" + port)))) {
            System.out.printf("unreachable ZooKeeper: Weft.create returned after %d ms%n", ms(t0));
            Echo echo = w.reference(Echo.class);
            callWhileWaiting(echo);
            try (TestingServer zk = new TestingServer(port, true);
                 Weft provider = Weft.create(echoProviderConfig("zookeeper://" + zk.getConnectString()))) {
                provider.export(Echo.class, text -> text);
                awaitFirstAnswer(echo, "ZooKeeper");
            }
        } catch (RuntimeException e) {
            System.out.printf("unreachable ZooKeeper: Weft.create failed after %d ms: %s%n", ms(t0), e);
        }
        t0 = System.nanoTime();
        try (Weft w = Weft.create(config(Map.of(WeftConfig.REGISTRY_ADDRESS, "zookeeper://no-such-host.invalid:2181")))) {
            System.out.printf("unknown host: Weft.create returned after %d ms%n", ms(t0));
        } catch (RuntimeException e) {
            System.out.printf("unknown host: Weft.create failed after %d ms: %s%n", ms(t0), e);
        }
        try (EtcdCluster etcd = EtcdCluster.notStarted(1)) {
            long e0 = System.nanoTime();
            try (Weft w = Weft.create(config(Map.of(WeftConfig.REGISTRY_ADDRESS, etcd.address())))) {
                System.out.printf("unreachable etcd: Weft.create returned after %d ms%n", ms(e0));
                Echo echo = w.reference(Echo.class);
                callWhileWaiting(echo);
                etcd.startAll();
                try (Weft provider = Weft.create(echoProviderConfig(etcd.address()))) {
                    provider.export(Echo.class, text -> text);
                    awaitFirstAnswer(echo, "etcd");
                }
            } catch (RuntimeException e) {
                System.out.printf("unreachable etcd: Weft.create failed after %d ms: %s%n", ms(e0), e);
            }
        }
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            Weft provider = Weft.create(echoProviderConfig(etcd.address()));
            provider.export(Echo.class, text -> text);
            etcd.member(0).stop();
            sleep(1000);
            long c0 = System.nanoTime();
            provider.close();
            System.out.printf("provider close while etcd is down: %d ms%n", ms(c0));
        }
    }

    // ---- parts ----

    private static Weft consumer(String registry) {
        return Weft.create(config(Map.of(WeftConfig.REGISTRY_ADDRESS, registry, WeftConfig.APPLICATION, "fault-driver")));
    }

    /** {@code values} plus every {@code weft.*} system property. */
    static WeftConfig config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("weft.") && !k.toString().startsWith("weft.bench")) {
                all.putIfAbsent(k.toString(), v.toString());
            }
        });
        return WeftConfig.of(all);
    }

    /** A provider of Echo on loopback, any free port, application {@code fault-echo}; mutable. */
    private static Map<String, String> echoProviderSettings() {
        return new HashMap<>(Map.of(WeftConfig.SERVER_PORT, "0", WeftConfig.SERVER_HOST, "127.0.0.1",
                WeftConfig.APPLICATION, "fault-echo"));
    }

    private static WeftConfig echoProviderConfig(String registry) {
        Map<String, String> c = echoProviderSettings();
        c.put(WeftConfig.REGISTRY_ADDRESS, registry);
        return config(c);
    }

    /** One call while the registry is unreachable: prints how and when it fails. */
    private static void callWhileWaiting(Echo echo) {
        long c0 = System.nanoTime();
        try {
            echo.echo("x");
        } catch (RpcException e) {
            System.out.printf("  call while waiting: %s after %d ms: %s%n", e.status(), ms(c0), e.getMessage());
        }
    }

    /** Calls until the first answer (at most 20 s) after the {@code registry} came up; prints how long it took. */
    private static void awaitFirstAnswer(Echo echo, String registry) {
        long s0 = System.nanoTime();
        String answer = null;
        while (answer == null && ms(s0) < 20_000) {
            try {
                answer = echo.echo("x");
            } catch (RpcException e) {
                sleep(50);
            }
        }
        System.out.printf("  after %s appeared: %s %d ms later%n", registry,
                answer == null ? "still failing" : "first answer", ms(s0));
    }

    static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void signal(long pid, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    }

    /** Closed-loop callers, each calling {@code call} in a loop and recording into the timeline. */
    static final class Callers implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Callers(int n, Timeline timeline, Runnable call) {
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        long start = System.nanoTime();
                        try {
                            call.run();
                            timeline.record(start, null);
                        } catch (RuntimeException e) {
                            timeline.record(start, e);
                            if (e instanceof RpcException r && r.status() == Status.UNAVAILABLE) {
                                sleep(1); // no providers at all: do not spin
                            }
                        }
                    }
                }, "caller-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }

    /** Provider JVMs, ended on close (SIGCONT, SIGTERM, after 5 s SIGKILL). */
    static final class Providers implements AutoCloseable {
        private final List<Process> processes = new ArrayList<>();
        private final List<Long> pids = new ArrayList<>();

        int start(String registry, int delayMs) throws Exception {
            List<String> command = new ArrayList<>();
            String cpus = System.getProperty("weft.bench.provider-cpus", "").trim(); // e.g. 1: off the driver's core
            if (!cpus.isEmpty()) {
                command.addAll(List.of("taskset", "-c", cpus));
            }
            String options = System.getProperty("weft.bench.provider-java-options", "").trim(); // e.g. a JFR recording
            // The JVM's default collector, as users run it (G1 where the JVM sees 2+ CPUs and 1792+ MiB).
            command.addAll(List.of(ChildJvm.java(), "-Xmx256m"));
            if (!options.isEmpty()) {
                command.addAll(List.of(options.split("\\s+")));
            }
            System.getProperties().forEach((k, v) -> {
                if (k.toString().startsWith("weft.") && !k.toString().startsWith("weft.bench.provider-")) {
                    command.add("-D" + k + "=" + v);
                }
            });
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), FaultScenarios.class.getName(),
                    "provider", registry, Integer.toString(delayMs)));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            processes.add(p);
            String[] ready = ChildJvm.awaitReady(p, "provider").split(" "); // READY <port> <pid>
            pids.add(Long.parseLong(ready[2]));
            return Integer.parseInt(ready[1]);
        }

        long pid(int i) {
            return pids.get(i);
        }

        @Override
        public void close() throws Exception {
            for (Process p : processes) {
                signal(p.pid(), "CONT");
                p.destroy(); // SIGTERM: shutdown hooks run (a JFR recording is written)
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
