package io.weft.bench;

import io.weft.ReferenceOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The access log's cost with both configurations under the same conditions: two provider/consumer
 * pairs in this JVM, one with {@code weft.access-log=true} (and the other {@code -Dweft.access-log.*}
 * settings), one with it off, and C synchronous callers that switch between the pairs every slice.
 * Both halves of every second see the same machine, so load from other processes, which makes
 * separate runs differ by more than the cost sought, falls on both alike. Everything else (metrics
 * when {@code weft-micrometer} is on the class path, trace propagation) is the same for both.
 *
 * <p>With {@code all} as the last argument the plain pair also has {@code weft.metrics=false}: the
 * comparison is then metrics (a provider such as {@code weft-micrometer} on the class path), trace
 * propagation and the access log together against an instance that records nothing (trace propagation is
 * core Weft and always on).
 *
 * <p>Usage: {@code AccessLogCost C PAYLOAD_BYTES WARMUP_S MEASURE_S [SLICE_MS] [all]} (slice 500 ms).
 * Prints ops/s of each pair and the difference.
 */
public final class AccessLogCost {
    private static volatile int phase; // 0: the pair without the access log, 1: with it
    private static volatile boolean running = true;
    private static volatile boolean counting;

    private AccessLogCost() {}

    public static void main(String[] args) throws Exception {
        int callers = Integer.parseInt(args[0]);
        int payloadBytes = Integer.parseInt(args[1]);
        int warmupSeconds = Integer.parseInt(args[2]);
        int measureSeconds = Integer.parseInt(args[3]);
        int sliceMillis = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        boolean all = args.length > 5 && "all".equals(args[5]);
        String metricsOn = WeftConfig.load().get(WeftKeys.METRICS).toString(); // -Dweft.metrics, else true
        String metricsOff = all ? "false" : metricsOn;
        char[] chars = new char[payloadBytes];
        Arrays.fill(chars, 'x');
        String payload = new String(chars);
        String logOn = WeftKeys.ACCESS_LOG.name();
        String metrics = WeftKeys.METRICS.name();
        try (Weft serverOff = server("false", metricsOff); Weft serverOn = server("true", metricsOn);
             Weft clientOff = Weft.create(WeftConfig.load().with(logOn, "false").with(metrics, metricsOff));
             Weft clientOn = Weft.create(WeftConfig.load().with(logOn, "true").with(metrics, metricsOn))) {
            Echo[] echo = {reference(clientOff, serverOff), reference(clientOn, serverOn)};
            LongAdder[] calls = {new LongAdder(), new LongAdder()};
            LongAdder[] failures = {new LongAdder(), new LongAdder()};
            long[] nanos = new long[2];
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Thread t = new Thread(() -> {
                    while (running) {
                        int p = phase;
                        try {
                            echo[p].echo(payload);
                            if (counting) {
                                calls[p].increment();
                            }
                        } catch (RuntimeException e) { // e.g. a deadline on an overloaded machine: counted, not fatal
                            if (counting) {
                                failures[p].increment();
                            }
                        }
                    }
                }, "caller-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            long end = System.nanoTime() + (warmupSeconds + measureSeconds) * 1_000_000_000L;
            long measureFrom = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                for (int p = 0; p < 2; p++) {
                    phase = p;
                    counting = System.nanoTime() >= measureFrom;
                    long start = System.nanoTime();
                    Thread.sleep(sliceMillis);
                    if (counting) {
                        nanos[p] += System.nanoTime() - start;
                    }
                }
            }
            running = false;
            for (Thread t : threads) {
                t.join(10_000);
            }
            double off = calls[0].sum() / (nanos[0] / 1e9);
            double on = calls[1].sum() / (nanos[1] / 1e9);
            System.out.printf("C=%d payload=%dB slice=%dms: %s off %.0f ops/s, on %.0f ops/s (%+.1f %%);"
                            + " failed calls off %d, on %d%n", callers, payloadBytes, sliceMillis,
                    all ? "metrics + access log" : "access log", off, on, (on / off - 1) * 100, failures[0].sum(),
                    failures[1].sum());
        }
    }

    private static Weft server(String accessLog, String metrics) {
        Weft weft = Weft.create(WeftConfig.load().with(WeftConfig.SERVER_PORT, "0")
                .with(WeftConfig.SERVER_HOST, "127.0.0.1").with(WeftKeys.ACCESS_LOG.name(), accessLog)
                .with(WeftKeys.METRICS.name(), metrics));
        weft.export(Echo.class, text -> text);
        return weft;
    }

    private static Echo reference(Weft client, Weft server) {
        return client.reference(Echo.class, ReferenceOptions.builder()
                .directAddress("127.0.0.1:" + server.serverAddress().orElseThrow().getPort()).build());
    }
}
