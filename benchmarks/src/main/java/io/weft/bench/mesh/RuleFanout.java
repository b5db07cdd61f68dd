package io.weft.bench.mesh;

import io.weft.spi.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Rule propagation to many consumers in several JVMs (issue #15, control plane): {@code --jvms J}
 * child JVMs run {@code --consumers N} {@link io.weft.Weft} instances each ({@link RuleConsumers}),
 * all referencing one service, against a real ZooKeeper or etcd started here. Each round writes a
 * new {@code faults} rule of that service (compare-and-set, through a Weft registry client) and
 * waits until every consumer has reported the new revision in force; a consumer's latency is its
 * apply stamp minus the wall-clock time just before the write. Prints p50/p99/p99.9/max over all
 * consumers and measured rounds, and the slowest consumer per round.
 *
 * <p>Usage: {@code RuleFanout --registry zookeeper|etcd --jvms 4 --consumers 250 --rounds 20
 * --warmup 3 --pause-ms 1000 --child-xmx 700m --consumer weft|governance --child-opts "…"} ({@code {jvm}} in
 * the child options becomes the JVM's index, e.g. for a JFR file name).
 */
public final class RuleFanout {
    private static final String KIND = "faults";
    private static final String SERVICE = "io.weft.bench.mesh.Probed";

    private final Map<Long, ConcurrentLinkedQueue<Long>> applied = new ConcurrentHashMap<>();

    private RuleFanout() {
    }

    public static void main(String[] args) throws Exception {
        MeshArgs a = new MeshArgs(args);
        new RuleFanout().run(a.get("registry", "zookeeper"), a.getInt("jvms", 4), a.getInt("consumers", 250),
                a.getInt("rounds", 20), a.getInt("warmup", 3), a.getInt("pause-ms", 1000), a.get("child-xmx", "700m"),
                a.get("child-opts", ""), a.getInt("idle-seconds", 10), a.get("consumer", "weft"));
        System.exit(0);
    }

    private void run(String backend, int jvms, int perJvm, int rounds, int warmup, int pauseMs, String xmx,
                     String childOpts, int idleSeconds, String mode) throws Exception {
        int total = jvms * perJvm;
        Path dir = Path.of("target", "mesh");
        try (MeshRegistry server = MeshRegistry.start(backend);
             Registry admin = MeshRegistry.open(server.address(), MeshRegistry.PATIENT)) {
            long revision = admin.putRule(SERVICE, KIND, rule("initial"), -1);
            List<ChildJvm> children = new ArrayList<>();
            long t0 = System.nanoTime();
            try {
                for (int j = 0; j < jvms; j++) {
                        List<String> options = new ArrayList<>(List.of("-Xms" + xmx, "-Xmx" + xmx, "-Xss256k",
                            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
                    if (!childOpts.isBlank()) {
                        options.addAll(List.of(childOpts.replace("{jvm}", Integer.toString(j)).trim().split("\\s+")));
                    }
                    children.add(new ChildJvm("rule-consumers-" + j, dir, options,
                            RuleConsumers.class.getName(),
                            List.of(server.address(), SERVICE, Integer.toString(perJvm), Integer.toString(j), mode),
                            this::onLine));
                }
                long initial = revision;
                awaitCount(() -> count(initial), total, children, 15 * 60);
                System.out.printf("%d consumers in %d JVMs started and hold revision %d after %d s (load %s)%n",
                        total, jvms, initial, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0), load());
                List<Long> all = new ArrayList<>();
                List<Long> roundMax = new ArrayList<>();
                List<Long> afterCommit = new ArrayList<>();
                List<Long> commits = new ArrayList<>();
                long idle0 = children.stream().mapToLong(ChildJvm::cpuMillis).sum();
                Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
                double idleMsPerS = (children.stream().mapToLong(ChildJvm::cpuMillis).sum() - idle0) / (double) idleSeconds;
                System.out.printf("idle %d s: consumer JVMs use %.0f ms CPU per second (load %s)%n", idleSeconds, idleMsPerS,
                        load());
                String loadBefore = load();
                long roundsStart = System.nanoTime();
                long childCpu0 = children.stream().mapToLong(ChildJvm::cpuMillis).sum();
                long ownCpu0 = ChildJvm.procCpuMillis(ProcessHandle.current().pid());
                for (int r = -warmup; r < rounds; r++) {
                    Thread.sleep(pauseMs); // let the consumer-node rewrites of the last round settle
                    long writtenAt = micros();
                    revision = admin.putRule(SERVICE, KIND, rule("round-" + r), revision);
                    long committedAt = micros();
                    long rev = revision;
                    awaitCount(() -> count(rev), total, children, 120);
                    if (r < 0) {
                        continue;
                    }
                    long max = 0;
                    for (long at : applied.get(rev)) {
                        long us = at - writtenAt;
                        all.add(us);
                        afterCommit.add(at - committedAt);
                        max = Math.max(max, us);
                    }
                    commits.add(committedAt - writtenAt);
                    roundMax.add(max);
                }
                long childCpu = children.stream().mapToLong(ChildJvm::cpuMillis).sum() - childCpu0;
                double roundsSeconds = (System.nanoTime() - roundsStart) / 1e9;
                double changeCpu = childCpu - idleMsPerS * roundsSeconds;
                long ownCpu = ChildJvm.procCpuMillis(ProcessHandle.current().pid()) - ownCpu0;
                long[] us = all.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("%s, %d %s consumers (%d JVMs x %d), %d rounds after %d warm-up: "
                                + "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; slowest consumer per round: %s ms; "
                                + "load %s -> %s%n",
                        backend, total, mode, jvms, perJvm, rounds, warmup, pct(us, 0.50), pct(us, 0.99), pct(us, 0.999),
                        us[us.length - 1] / 1000.0, roundMax.stream().map(v -> String.format("%.0f", v / 1000.0)).toList(),
                        loadBefore, load());
                long[] ac = afterCommit.stream().mapToLong(Long::longValue).sorted().toArray();
                long[] wc = commits.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("  of which the write itself (until the registry acknowledged it): p50 %.1f ms, max %.1f ms; "
                                + "from the acknowledgement to applied: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        pct(wc, 0.5), wc[wc.length - 1] / 1000.0, pct(ac, 0.5), pct(ac, 0.99), ac[ac.length - 1] / 1000.0);
                System.out.printf("  CPU over the %d rounds and their pauses (%.0f s): consumer JVMs %d ms; above idle %.0f ms = "
                                + "%.2f ms per consumer per rule change; this JVM (driver%s) %d ms%n", rounds + warmup,
                        roundsSeconds, childCpu, changeCpu, changeCpu / (total * (rounds + warmup)),
                        backend.equals("zookeeper") ? " and ZooKeeper" : "", ownCpu);
            } finally {
                for (ChildJvm c : children) {
                    c.close();
                }
            }
        }
    }

    private void onLine(String line) {
        String[] f = line.split(" ");
        if (f[0].equals("APPLIED")) {
            applied.computeIfAbsent(Long.parseLong(f[2]), k -> new ConcurrentLinkedQueue<>()).add(Long.parseLong(f[3]));
        } else if (!f[0].equals("STARTED")) {
            System.out.println(line);
        }
    }

    private int count(long revision) {
        ConcurrentLinkedQueue<Long> q = applied.get(revision);
        return q == null ? 0 : q.size();
    }

    private static void awaitCount(java.util.function.IntSupplier count, int total, List<ChildJvm> children,
                                   int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (count.getAsInt() < total) {
            if (System.nanoTime() > deadline || children.stream().anyMatch(c -> !c.alive())) {
                throw new IllegalStateException(count.getAsInt() + " of " + total
                        + " consumers reported (see target/mesh/*.log)");
            }
            Thread.sleep(2);
        }
    }

    private static String rule(String name) {
        return "{\"faults\":[{\"name\":\"" + name + "\",\"side\":\"consumer\","
                + "\"match\":{\"methods\":[\"none\"]},\"delay\":{\"ms\":1,\"percent\":0}}]}";
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static double pct(long[] sortedMicros, double q) {
        return sortedMicros[Math.max(0, (int) Math.ceil(sortedMicros.length * q) - 1)] / 1000.0;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
