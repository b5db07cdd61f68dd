package io.weft.bench.governance;

import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.test.etcd.EtcdCluster;
import io.weft.spi.CallListener;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * Measures rule propagation: write a rule, then time two things per round: until every one of N
 * consumers has the new revision in force ({@link CallListener#ruleApplied}, called once the new rule
 * snapshot is swapped in), and until every one reports it in {@code appliedRules} of its registry
 * node (what the console and {@code weft describe} show; instances rewrite their nodes at a random
 * moment within a second of a change, see docs/architecture.md). N consumers run as separate
 * {@link Weft} instances (each its own registry session) in this JVM. Usage:
 * {@code RulePropagation zookeeper|etcd [consumers=100] [rounds=30]}; prints p50/p99/max in ms of both
 * after five warm-up rounds.
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
        // revision -> consumers that have it in force, and when the last of them did
        Map<Long, java.util.Set<Integer>> inForce = new ConcurrentHashMap<>();
        Map<Long, Long> allInForceAt = new ConcurrentHashMap<>();
        try {
            for (int i = 0; i < consumers; i++) {
                int id = i;
                CallListener listener = new CallListener() {
                    @Override
                    public void ruleApplied(String svc, String kind, long revision) {
                        if (kind.equals("faults") && revision > 0) {
                            java.util.Set<Integer> ids = inForce.computeIfAbsent(revision, r -> ConcurrentHashMap.newKeySet());
                            if (ids.add(id) && ids.size() == consumers) {
                                allInForceAt.put(revision, System.nanoTime());
                            }
                        }
                    }
                };
                Weft weft = Weft.builder(WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, address,
                        WeftConfig.APPLICATION, "probe-" + i, "weft.status.interval-ms", "60000")))
                        .callListener(listener).build();
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
            long[] inForceMillis = new long[rounds];
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
                    inForceMillis[r] = TimeUnit.NANOSECONDS.toMillis(allInForceAt.get(revision) - start);
                }
                inForce.remove(revision);
            }
            watch.close();
            System.out.printf("%s, %d consumers, %d rounds, until every consumer has the rule in force: %s%n", backend,
                    consumers, rounds, percentiles(inForceMillis));
            System.out.printf("%s, %d consumers, %d rounds, until every consumer's node reports it: %s%n", backend,
                    consumers, rounds, percentiles(millis));
        } finally {
            for (Weft w : nodes) {
                w.close();
            }
            admin.close();
        }
    }

    private static String percentiles(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format("p50 %d ms, p99 %d ms, max %d ms", sorted[n / 2], sorted[(int) Math.ceil(n * 0.99) - 1],
                sorted[n - 1]);
    }

    private static long applied(ServiceInstance instance) {
        return instance.appliedRules().getOrDefault("faults", -1L);
    }
}
