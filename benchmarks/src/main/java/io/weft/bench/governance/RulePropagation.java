package io.weft.bench.governance;

import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.test.etcd.EtcdCluster;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * Measures rule propagation: write a rule, time until every one of N consumers reports the new
 * revision in {@code appliedRules} of its registry node. N consumers run as separate {@link Weft}
 * instances (each its own registry session) in this JVM. Usage:
 * {@code RulePropagation zookeeper|etcd [consumers=100] [rounds=30]}; prints p50/p99/max in ms after five
 * warm-up rounds.
 */
public final class RulePropagation {
    /** The service the consumers reference; nothing provides it, the consumers only watch its rules. */
    public interface Probe {
        String ping();
    }

    private RulePropagation() {}

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "zookeeper";
        int consumers = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        if (backend.equals("etcd")) {
            try (EtcdCluster etcd = EtcdCluster.start(1)) {
                run(backend, etcd.address(), consumers, rounds);
            }
        } else {
            // maxClientCnxns 0: every consumer holds its own session from 127.0.0.1 (the default allows 60).
            InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, -1, 0);
            try (TestingServer zk = new TestingServer(spec, true)) {
                run(backend, "zookeeper://" + zk.getConnectString(), consumers, rounds);
            }
        }
        System.exit(0);
    }

    static void run(String backend, String address, int consumers, int rounds) throws Exception {
        String service = Probe.class.getName();
        RegistryAddress parsed = RegistryAddress.parse(address);
        Registry admin = RegistryFactory.forScheme(parsed.scheme(), RulePropagation.class.getClassLoader())
                .orElseThrow().create(parsed, WeftConfig.empty());
        List<Weft> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < consumers; i++) {
                Weft weft = Weft.create(WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, address,
                        WeftConfig.APPLICATION, "probe-" + i, "weft.status.interval-ms", "60000")));
                weft.reference(Probe.class);
                nodes.add(weft);
            }
            AtomicReference<CountDownLatch> done = new AtomicReference<>(new CountDownLatch(1));
            AtomicReference<Long> target = new AtomicReference<>(-1L);
            Registry.Watch watch = admin.watch(service, InstanceRole.CONSUMER, snapshot -> {
                long rev = target.get();
                if (snapshot.size() == consumers && rev > 0
                        && snapshot.stream().allMatch(i -> applied(i) == rev)) {
                    done.get().countDown();
                }
            });
            int warmup = 5;
            long[] millis = new long[rounds];
            long revision = admin.getRule(service, "faults").map(v -> v.revision()).orElse(0L);
            for (int r = -warmup; r < rounds; r++) {
                CountDownLatch latch = new CountDownLatch(1);
                done.set(latch);
                String json = "{\"faults\":[{\"name\":\"round-" + r + "\",\"side\":\"consumer\","
                        + "\"match\":{\"methods\":[\"none\"]},\"delay\":{\"ms\":1,\"percent\":0}}]}";
                long start = System.nanoTime();
                target.set(Long.MAX_VALUE); // not yet known; the watch must not fire early
                revision = admin.putRule(service, "faults", json, revision);
                target.set(revision);
                // The snapshot that completes the round may have arrived before target was set: re-check.
                if (admin.list(service, InstanceRole.CONSUMER).stream().allMatch(i -> applied(i) == target.get())) {
                    latch.countDown();
                }
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("round " + r + ": not every consumer applied revision " + revision);
                }
                if (r >= 0) {
                    millis[r] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
            }
            watch.close();
            Arrays.sort(millis);
            System.out.printf("%s, %d consumers, %d rounds: p50 %d ms, p99 %d ms, max %d ms%n", backend, consumers,
                    rounds, millis[rounds / 2], millis[(int) Math.ceil(rounds * 0.99) - 1], millis[rounds - 1]);
        } finally {
            for (Weft w : nodes) {
                w.close();
            }
            admin.close();
        }
    }

    private static long applied(ServiceInstance instance) {
        return instance.appliedRules().getOrDefault("faults", -1L);
    }
}
