package io.weft.bench.sidecar;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.curator.test.TestingServer;

/**
 * What a proxy hop costs (issue #17): the same keep-alive HTTP/1.1 JSON echo app ({@link HttpEchoApp},
 * its own process) called (a) directly, (b) through a pair of nginx reverse proxies with keep-alive
 * upstreams, (c) through a pair of Weft sidecars (client → sidecar A outbound → weft/1 → sidecar B
 * inbound → app), over a real ZooKeeper (curator-test, in this process). For each row and repeat:
 * throughput at C connections in a closed loop, then p50/p90/p99 at a fixed rate in an open loop;
 * CPU per request of each proxy process from {@code /proc/<pid>/stat} over the measured window, its
 * resident memory idle and loaded, and the 1-minute load average at each measurement.
 * Run with {@code benchmarks/run-sidecar-bench.sh}; every option is {@code --name value}:
 * {@code --repeat 3 --warmup 10 --measure 10 --rate 1000 --connections 32 --payload 100
 * --rows direct,nginx,sidecar --nginx-workers 1 --sidecar ./sidecar.sh --sidecar-java-opts ""
 * --out FILE.md}. The row {@code sidecar-base} (with {@code --sidecar-base SCRIPT}, a launcher of another
 * build) adds a second sidecar pair, "sidecar pair (base)", measured interleaved with the others: a
 * change against the build before it, same run.
 */
public final class ProxyHopBenchmark {
    private static final String SERVICE = "bench.Echo";
    private static final String PATH = "/" + SERVICE + "/echo";

    private ProxyHopBenchmark() {}

    /** One row's figures from one repeat. */
    record Run(String row, int repeat, double throughput, long c32p50, long c32p99, long failed, long p50, long p90,
               long p99, double[] cpuAtRate, double[] cpuAtC, long[] rssLoadedKib, String loadAtC,
               String loadAtRate) {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> o = options(argv);
        int repeat = Integer.parseInt(o.getOrDefault("repeat", "3"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "10")));
        Duration measure = Duration.ofSeconds(Long.parseLong(o.getOrDefault("measure", "10")));
        int rate = Integer.parseInt(o.getOrDefault("rate", "1000"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "32"));
        int payload = Integer.parseInt(o.getOrDefault("payload", "100"));
        List<String> rowNames = Arrays.asList(o.getOrDefault("rows", "direct,nginx,sidecar").split(","));
        String workers = o.getOrDefault("nginx-workers", "1");
        Path sidecarScript = Path.of(o.getOrDefault("sidecar", "./sidecar.sh")).toAbsolutePath();
        String sidecarOpts = o.getOrDefault("sidecar-java-opts", "");
        Path out = Path.of(o.getOrDefault("out", "benchmarks/results/sidecar-latest.md"));
        Path dir = Files.createTempDirectory("weft-proxy-bench");
        System.out.println("work directory (logs, nginx configs): " + dir);

        // the JSON argument array the app echoes: ["xxx…"], `payload` bytes in all
        byte[] body = ("[\"" + "x".repeat(Math.max(0, payload - 4)) + "\"]").getBytes(StandardCharsets.UTF_8);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Proxies> rows = new ArrayList<>();
        Map<String, long[]> idleRss = new LinkedHashMap<>();
        try (TestingServer zk = new TestingServer(true);
             Child app = new Child("echo-app", List.of(javaBin, "-Xmx256m", "-XX:+UseParallelGC", "-cp",
                     System.getProperty("java.class.path"), HttpEchoApp.class.getName(), "0"), Map.of(), dir)) {
            int appPort = Integer.parseInt(app.awaitLine(l -> l.startsWith("READY"), Duration.ofSeconds(120)).substring(6));
            for (String r : rowNames) {
                Proxies p = switch (r.trim()) {
                    case "direct" -> Proxies.direct(appPort);
                    case "nginx" -> Proxies.nginxPair(o.getOrDefault("nginx", "/usr/sbin/nginx"), workers, appPort, dir);
                    case "sidecar" -> Proxies.sidecarPair("sidecar pair", sidecarScript,
                            "zookeeper://" + zk.getConnectString(), SERVICE + "=echo", appPort, sidecarOpts, dir);
                    case "sidecar-base" -> Proxies.sidecarPair("sidecar pair (base)",
                            Path.of(required(o, "sidecar-base")).toAbsolutePath(),
                            "zookeeper://" + zk.getConnectString(), SERVICE + "=echo", appPort, sidecarOpts, dir);
                    default -> throw new IllegalArgumentException("--rows: unknown row '" + r + "'");
                };
                rows.add(p);
                awaitEcho(p, body);
                idleRss.put(p.name, p.hops.stream().mapToLong(h -> ProcFs.memoryKib(h.pid(), "VmRSS")).toArray());
            }
            List<Run> runs = new ArrayList<>();
            for (int i = 1; i <= repeat; i++) {
                for (Proxies p : rows) {
                    Run run = measure(p, i, body, connections, rate, warmup, measure);
                    runs.add(run);
                    System.out.println(describe(run));
                }
            }
            String report = Report.markdown(rows, runs, idleRss, rate, connections, payload, repeat, warmup, measure,
                    workers, sidecarOpts, Instant.now());
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.out.println();
            System.out.println(report);
            System.out.println("written to " + out);
        } finally {
            for (int i = rows.size() - 1; i >= 0; i--) {
                rows.get(i).close();
            }
        }
        System.exit(0);
    }

    private static Run measure(Proxies p, int repeat, byte[] body, int connections, int rate, Duration warmup,
                               Duration measure) {
        int hops = p.hops.size();
        long[] cpu = new long[hops];
        double[] cpuAtC = new double[hops];
        double[] cpuAtRate = new double[hops];
        long[] rss = new long[hops];
        String[] load = new String[2];
        try (HttpLoad load1 = new HttpLoad(p.entry, PATH, body, body.length, connections)) {
            HttpLoad.Window c = load1.closedLoop(warmup, measure, () -> {
                load[0] = ProcFs.loadAverage();
                snapshotCpu(p, cpu);
            }, () -> {
                spentSince(p, cpu, cpuAtC);
                for (int h = 0; h < hops; h++) {
                    rss[h] = ProcFs.memoryKib(p.hops.get(h).pid(), "VmRSS");
                }
            });
            fillPerRequest(cpuAtC, c.ok() + c.failed());
            HttpLoad.Window r = load1.openLoop(rate, Duration.ofSeconds(3), measure, () -> {
                load[1] = ProcFs.loadAverage();
                snapshotCpu(p, cpu);
            }, () -> spentSince(p, cpu, cpuAtRate));
            fillPerRequest(cpuAtRate, r.ok() + r.failed());
            return new Run(p.name, repeat, c.throughput(), c.p(50), c.p(99), c.failed() + r.failed(), r.p(50),
                    r.p(90), r.p(99), cpuAtRate, cpuAtC, rss, load[0], load[1]);
        }
    }

    private static void snapshotCpu(Proxies p, long[] cpu) {
        for (int h = 0; h < cpu.length; h++) {
            cpu[h] = ProcFs.cpuNanos(p.hops.get(h).pid());
        }
    }

    /** Stores the CPU nanoseconds spent since the snapshot; {@link #fillPerRequest} divides. */
    private static void spentSince(Proxies p, long[] before, double[] spent) {
        for (int h = 0; h < before.length; h++) {
            spent[h] = ProcFs.cpuNanos(p.hops.get(h).pid()) - before[h];
        }
    }

    private static void fillPerRequest(double[] spentNanos, long requests) {
        for (int h = 0; h < spentNanos.length; h++) {
            spentNanos[h] = spentNanos[h] / 1000.0 / Math.max(1, requests);
        }
    }

    /** Waits (bounded) until the row echoes the body: the sidecar pair needs discovery first. */
    private static void awaitEcho(Proxies p, byte[] body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.entry.getPort() + PATH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200 && Arrays.equals(r.body(), body)) {
                    return;
                }
                last = r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(200); // polling until discovery settles, bounded by the deadline
        }
        throw new IllegalStateException(p.name + " does not echo within 60 s: " + last);
    }

    private static String describe(Run r) {
        return String.format(Locale.ROOT, "%s #%d: C %.0f req/s (p50 %d µs, p99 %d µs, load %s); at rate p50 %d "
                        + "p90 %d p99 %d µs (load %s); CPU µs/req per hop at rate %s, at C %s; RSS loaded KiB %s; failed %d",
                r.row(), r.repeat(), r.throughput(), r.c32p50(), r.c32p99(), r.loadAtC(), r.p50(), r.p90(), r.p99(),
                r.loadAtRate(), Arrays.toString(round(r.cpuAtRate())), Arrays.toString(round(r.cpuAtC())),
                Arrays.toString(r.rssLoadedKib()), r.failed());
    }

    static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 10) / 10.0).toArray();
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required with that row");
        }
        return v;
    }

    private static Map<String, String> options(String[] argv) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("options are --name value; got '" + argv[i] + "'");
            }
            o.put(argv[i].substring(2), argv[++i]);
        }
        return o;
    }
}
