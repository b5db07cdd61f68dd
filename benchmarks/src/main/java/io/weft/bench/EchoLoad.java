package io.weft.bench;

import io.weft.ReferenceOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load driver: C synchronous callers call {@code echo} with a payload of the given
 * size and the driver reports ops/s and latency percentiles (HdrHistogram), plus failed calls.
 * Usage:
 * <ul>
 *   <li>{@code EchoLoad server PORT} — a provider (graceful shutdown on SIGTERM);</li>
 *   <li>{@code EchoLoad client HOST:PORT[,HOST:PORT…] C PAYLOAD_BYTES WARMUP_S MEASURE_S [LB]};</li>
 *   <li>{@code EchoLoad both C PAYLOAD_BYTES WARMUP_S MEASURE_S} — provider and consumer in this JVM;</li>
 *   <li>{@code EchoLoad cluster N C PAYLOAD_BYTES WARMUP_S MEASURE_S steady|kill|restart [LB]} — N
 *       providers in separate JVMs; halfway through the measurement {@code kill} sends SIGKILL to
 *       one, {@code restart} restarts every provider in turn (SIGTERM, then a new JVM on the same
 *       port).</li>
 * </ul>
 */
public final class EchoLoad {
    private EchoLoad() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "server" -> {
                Weft server = server(Integer.parseInt(args[1]));
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                System.out.println("READY " + server.serverAddress().orElseThrow().getPort());
                System.out.flush();
                Thread.currentThread().join();
            }
            case "client" -> run(List.of(args[1].split(",")), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), args.length > 6 ? args[6] : null, null);
            case "both" -> {
                try (Weft server = server(0)) {
                    run(List.of("127.0.0.1:" + server.serverAddress().orElseThrow().getPort()),
                            Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                            Integer.parseInt(args[4]), null, null);
                }
            }
            case "cluster" -> ClusterRun.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6],
                    args.length > 7 ? args[7] : null);
            default -> throw new IllegalArgumentException("usage: server PORT | client ADDRS C BYTES W S [LB]"
                    + " | both C BYTES W S | cluster N C BYTES W S steady|kill|restart [LB]");
        }
    }

    static Weft server(int port) {
        // WeftConfig.load(): -Dweft.* settings apply (e.g. -Dweft.access-log=true for the overhead runs)
        Weft weft = Weft.create(WeftConfig.load().with(WeftConfig.SERVER_PORT, Integer.toString(port))
                .with(WeftConfig.SERVER_HOST, "127.0.0.1"));
        weft.export(Echo.class, text -> text);
        return weft;
    }

    /** Runs the load; {@code disturbance}, if given, runs once halfway through the measurement. */
    static void run(List<String> addresses, int callers, int payloadBytes, int warmupSeconds, int measureSeconds,
                    String balancer, Runnable disturbance) throws InterruptedException {
        char[] chars = new char[payloadBytes];
        Arrays.fill(chars, 'x');
        String payload = new String(chars);
        try (Weft client = Weft.create(WeftConfig.load())) {
            ReferenceOptions.Builder options = ReferenceOptions.builder();
            addresses.forEach(options::directAddress);
            if (balancer != null) {
                options.loadBalancer(balancer);
            }
            Echo echo = client.reference(Echo.class, options.build());
            ClosedLoop loop = ClosedLoop.start(callers, () -> echo.echo(payload));
            Thread.sleep(warmupSeconds * 1000L);
            long cpuStart = processCpuNanos();
            long allocatedStart = allocatedBytes();
            loop.startMeasuring();
            long start = System.nanoTime();
            long disturbedAt = 0;
            if (disturbance != null) {
                Thread.sleep(measureSeconds * 500L);
                disturbedAt = System.nanoTime();
                disturbance.run();
                Thread.sleep(Math.max(0, measureSeconds * 1000L - (System.nanoTime() - start) / 1_000_000));
            } else {
                Thread.sleep(measureSeconds * 1000L);
            }
            loop.stopMeasuring();
            long cpu = processCpuNanos() - cpuStart;
            long allocated = allocatedBytes() - allocatedStart;
            double seconds = (System.nanoTime() - start) / 1e9;
            ClosedLoop.Measured m = loop.stop();
            Histogram h = m.latencies();
            System.out.printf("C=%d payload=%dB lb=%s: %.0f ops/s, p50=%d us p99=%d us p99.9=%d us max=%d us, "
                            + "%d failed%n", callers, payloadBytes, balancer == null ? "default" : balancer,
                    m.calls() / seconds, h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue(), m.failures());
            // CPU of this whole JVM (provider too in "both" mode) per call: the cost of a feature even
            // where other load on the machine makes ops/s noisy
            System.out.printf("cpu %.1f us/call%n", cpu / 1000.0 / Math.max(1, m.calls()));
            // heap bytes allocated by this JVM's threads per call: unlike time, the same under any load
            System.out.printf("alloc %.0f bytes/call%n", (double) allocated / Math.max(1, m.calls()));
            if (m.failures() > 0 && disturbedAt != 0) {
                System.out.printf("failures from %d ms to %d ms after the disturbance began%n",
                        (m.firstFailureNanos() - disturbedAt) / 1_000_000,
                        (m.lastFailureNanos() - disturbedAt) / 1_000_000);
            }
        }
    }

    /** Heap bytes allocated so far by the live threads of this JVM (0 where the JVM cannot tell). */
    private static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            return 0;
        }
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** Providers in child JVMs, for the cluster mode. */
    private static final class ClusterRun {
        static void run(int n, int callers, int payloadBytes, int warmupSeconds, int measureSeconds, String mode,
                        String balancer) throws Exception {
            List<Process> processes = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    int port = ChildJvm.freePort();
                    ports.add(port);
                    processes.add(start(port));
                }
                List<String> addresses = ports.stream().map(p -> "127.0.0.1:" + p).toList();
                Runnable disturbance = switch (mode) {
                    case "steady" -> null;
                    case "kill" -> () -> processes.get(0).destroyForcibly();
                    case "restart" -> () -> {
                        for (int i = 0; i < n; i++) {
                            try {
                                processes.get(i).destroy(); // SIGTERM: graceful close in the shutdown hook
                                processes.get(i).waitFor(30, TimeUnit.SECONDS);
                                processes.set(i, start(ports.get(i)));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    };
                    default -> throw new IllegalArgumentException("mode must be steady, kill or restart: " + mode);
                };
                EchoLoad.run(addresses, callers, payloadBytes, warmupSeconds, measureSeconds, balancer, disturbance);
            } finally {
                for (Process p : processes) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }

        private static Process start(int port) throws Exception {
            Process p = new ProcessBuilder(ChildJvm.java(), "-cp", System.getProperty("java.class.path"),
                    EchoLoad.class.getName(), "server", Integer.toString(port)).redirectErrorStream(true).start();
            ChildJvm.awaitReady(p, "provider on port " + port);
            return p;
        }
    }
}
