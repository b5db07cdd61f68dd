package io.weft.bench.mesh;

import io.weft.ServiceInstance;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Discovery at scale (issue #15, control plane): {@code --services S} services with
 * {@code --per-service N} provider nodes each, registered here through {@code --registrars R} Weft
 * registry clients against a real ZooKeeper or etcd; one consumer JVM ({@link DiscoveryConsumer})
 * watches all S services through a {@link CountingProxy}, so every byte between that consumer and
 * the registry is counted. Measures: time until the consumer holds every list; its retained heap per
 * known instance (used heap after GC, minus the same with the registry connected and no watch); its
 * traffic and CPU while idle and while {@code --restart-percent P} % of the instances restart evenly
 * over {@code --restart-seconds T} (each restart: the node goes away, and comes back
 * {@code --down-ms D} later with a new start time, as a restarted process registers again).
 *
 * <p>Usage: {@code DiscoveryScale --registry zookeeper|etcd --services 1000 --per-service 10
 * --registrars 10 --restart-percent 10 --restart-seconds 60 --down-ms 2000 --consumer-xmx 512m}.
 */
public final class DiscoveryScale {
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private DiscoveryScale() {
    }

    static String service(int index) {
        return String.format("io.weft.bench.mesh.svc%04d.Catalog", index);
    }

    static ServiceInstance instance(int service, int node, long startedAt) {
        return ServiceInstance.provider(service(service), "mesh-app-" + service, "10.1." + (node / 250) + "." + (node % 250 + 1),
                        20880 + service)
                .withMethods(List.of("get", "put", "list", "delete"))
                .withTags(Map.of("zone", "z" + node % 3, "env", "prod"))
                .withStartedAt(startedAt);
    }

    public static void main(String[] args) throws Exception {
        MeshArgs a = new MeshArgs(args);
        new DiscoveryScale().run(a.get("registry", "zookeeper"), a.getInt("services", 1000), a.getInt("per-service", 10),
                a.getInt("registrars", 10), a.getInt("restart-percent", 10), a.getInt("restart-seconds", 60),
                a.getInt("down-ms", 2000), a.get("consumer-xmx", "512m"), a.getInt("idle-seconds", 10));
        System.exit(0);
    }

    private void run(String backend, int services, int perService, int registrarCount, int restartPercent,
                     int restartSeconds, int downMs, String xmx, int idleSeconds) throws Exception {
        int total = services * perService;
        try (MeshRegistry server = MeshRegistry.start(backend)) {
            List<Registry> registrars = new ArrayList<>();
            for (int r = 0; r < registrarCount; r++) {
                registrars.add(MeshRegistry.open(server.address(), MeshRegistry.PATIENT));
            }
            AtomicReferenceArray<Registry.Registration> nodes = new AtomicReferenceArray<>(total);
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(registrarCount);
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < registrarCount; r++) {
                int first = r;
                done.add(pool.submit(() -> {
                    for (int i = first; i < total; i += registrarCount) {
                        nodes.set(i, registrars.get(i % registrarCount).register(InstanceRole.PROVIDER,
                                instance(i % services, i / services, System.currentTimeMillis())));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            System.out.printf("%s: %d provider nodes of %d services registered through %d clients in %d ms (load %s)%n",
                    backend, total, services, registrarCount, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                    RuleFanout.load());

            try (CountingProxy proxy = new CountingProxy(server.endpoint());
                 ChildJvm consumer = new ChildJvm("discovery-consumer", Path.of("target", "mesh"),
                         List.of("-Xms" + xmx, "-Xmx" + xmx, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"),
                         DiscoveryConsumer.class.getName(),
                         List.of(server.address(proxy.address()), Integer.toString(services), Integer.toString(perService)),
                         lines::add)) {
                long base = Long.parseLong(await("BASE")[1]);
                long connectSent = proxy.sent();
                long connectReceived = proxy.received();
                String[] full = await("FULL");
                long heap = Long.parseLong(await("HEAP")[1]);
                System.out.printf("consumer holds all %d lists (%d instances) after %s ms, %s snapshots delivered; "
                                + "initial load %,d B from the registry, %,d B to it (%.0f B per instance received)%n",
                        services, total, full[1], full[2], proxy.received() - connectReceived, proxy.sent() - connectSent,
                        (proxy.received() - connectReceived) / (double) total);
                System.out.printf("consumer heap: %,d B after GC with the registry connected, %,d B holding every list: "
                        + "%,.0f B per known instance (load %s)%n", base, heap, (heap - base) / (double) total, RuleFanout.load());

                // Idle: what the consumer costs when nothing changes (pings, keep-alives, JVM).
                String[] s0 = state(consumer);
                long idleSent = proxy.sent();
                long idleReceived = proxy.received();
                Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
                String[] s1 = state(consumer);
                double idleCpuMsPerS = (Long.parseLong(s1[1]) - Long.parseLong(s0[1])) / 1e6 / idleSeconds;
                System.out.printf("idle %d s: consumer CPU %.1f ms/s, %,d B received, %,d B sent, %d snapshots (load %s)%n",
                        idleSeconds, idleCpuMsPerS, proxy.received() - idleReceived, proxy.sent() - idleSent,
                        Long.parseLong(s1[2]) - Long.parseLong(s0[2]), RuleFanout.load());

                // Churn: restartPercent % of the nodes go away and come back, evenly over restartSeconds.
                int restarts = total * restartPercent / 100;
                ScheduledExecutorService churn = Executors.newScheduledThreadPool(4);
                long periodMicros = TimeUnit.SECONDS.toMicros(restartSeconds) / Math.max(1, restarts);
                String[] c0 = state(consumer);
                long churnSent = proxy.sent();
                long churnReceived = proxy.received();
                long churnStart = System.nanoTime();
                List<Future<?>> back = new ArrayList<>();
                for (int k = 0; k < restarts; k++) {
                    int i = (int) ((long) k * total / restarts); // spread over services and registrars
                    long at = k * periodMicros;
                    churn.schedule(() -> nodes.get(i).close(), at, TimeUnit.MICROSECONDS);
                    back.add(churn.schedule(() -> nodes.set(i, registrars.get(i % registrarCount).register(
                            InstanceRole.PROVIDER, instance(i % services, i / services, System.currentTimeMillis()))),
                            at + TimeUnit.MILLISECONDS.toMicros(downMs), TimeUnit.MICROSECONDS));
                }
                for (Future<?> f : back) {
                    f.get();
                }
                String[] c1 = state(consumer);
                while (Integer.parseInt(c1[3]) < services || Integer.parseInt(c1[4]) < total) {
                    Thread.sleep(20);
                    c1 = state(consumer);
                }
                long churnNanos = System.nanoTime() - churnStart;
                churn.shutdown();
                double cpuMs = (Long.parseLong(c1[1]) - Long.parseLong(c0[1])) / 1e6;
                double seconds = churnNanos / 1e9;
                long received = proxy.received() - churnReceived;
                long sent = proxy.sent() - churnSent;
                System.out.printf("churn: %d restarts (%d %%) over %d s, all lists whole again after %.1f s: consumer CPU "
                                + "%.0f ms (%.1f ms/s; idle %.1f ms/s), %d snapshots delivered, %,d B received (%,.0f B per "
                                + "restart), %,d B sent (load %s)%n",
                        restarts, restartPercent, restartSeconds, seconds, cpuMs, cpuMs / seconds, idleCpuMsPerS,
                        Long.parseLong(c1[2]) - Long.parseLong(c0[2]), received, received / (double) restarts, sent,
                        RuleFanout.load());
            }
            pool.shutdown();
            for (Registry r : registrars) {
                r.close();
            }
        }
    }

    private String[] state(ChildJvm consumer) throws Exception {
        consumer.send("state");
        return await("STATE");
    }

    private String[] await(String tag) throws InterruptedException {
        while (true) {
            String line = lines.poll(10, TimeUnit.MINUTES);
            if (line == null) {
                throw new IllegalStateException("no " + tag + " from the consumer (see target/mesh/discovery-consumer.log)");
            }
            String[] f = line.split(" ");
            if (f[0].equals(tag)) {
                return f;
            }
            System.out.println(line);
        }
    }
}
