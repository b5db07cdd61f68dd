package io.weft.bench.compare;

import io.weft.bench.ClosedLoop;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/**
 * Measures one cell of the matrix against a running {@link StackServer}: C synchronous callers share
 * one client (one connection) and call {@code echo} with a payload of the given size in a closed loop.
 * Prints one tab-separated row (see {@link #HEADER}) with throughput, latency percentiles in
 * microseconds, CPU per call and GC counts of both sides, bytes allocated per call and context switches
 * per call on both sides.
 * Usage: {@code LoadDriver STACK HOST PORT STATS_PORT INFO C PAYLOAD_BYTES WARMUP_S MEASURE_S}.
 */
public final class LoadDriver {
    static final String HEADER = "stack\tC\tbytes\tops\tp50\tp99\tp999\tmax\tfailed\tclientCpuUs\tserverCpuUs"
            + "\tclientGc\tserverGc\tclientAlloc\tserverAlloc\tclientCsw\tserverCsw";

    private LoadDriver() {}

    public static void main(String[] args) throws Exception {
        String stackName = args[0];
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        int statsPort = Integer.parseInt(args[3]);
        String info = args[4];
        int callers = Integer.parseInt(args[5]);
        int payloadBytes = Integer.parseInt(args[6]);
        int warmupSeconds = Integer.parseInt(args[7]);
        int measureSeconds = Integer.parseInt(args[8]);
        String payload = "x".repeat(payloadBytes);
        try (Stack.Client client = Stack.named(stackName).connect(host, port, info)) {
            firstCall(client, payload, stackName);
            ClosedLoop loop = ClosedLoop.start(callers, () -> client.echo(payload));
            Thread.sleep(warmupSeconds * 1000L);
            ProcessStats clientBefore = ProcessStats.now();
            ProcessStats serverBefore = serverStats(host, statsPort);
            loop.startMeasuring();
            long start = System.nanoTime();
            Thread.sleep(measureSeconds * 1000L);
            loop.stopMeasuring();
            double seconds = (System.nanoTime() - start) / 1e9;
            ProcessStats client0 = ProcessStats.now().minus(clientBefore);
            ProcessStats server0 = serverStats(host, statsPort).minus(serverBefore);
            ClosedLoop.Measured m = loop.stop();
            Histogram h = m.latencies();
            long n = Math.max(1, m.calls());
            System.out.printf("%s\t%d\t%d\t%.0f\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%d\t%d\t%d\t%d\t%.2f\t%.2f%n", stackName, callers,
                    payloadBytes, m.calls() / seconds, h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue(), m.failures(), client0.cpuNanos() / 1e3 / n,
                    server0.cpuNanos() / 1e3 / n, client0.gcCount(), server0.gcCount(), client0.allocatedBytes() / n,
                    server0.allocatedBytes() / n, (double) client0.contextSwitches() / n,
                    (double) server0.contextSwitches() / n);
        }
        System.exit(0); // some stacks keep non-daemon threads after close
    }

    /**
     * The first call, retried for up to a minute: a cold JVM on a busy machine may miss a stack's
     * default deadline with it (not measured; the warm-up follows).
     */
    private static void firstCall(Stack.Client client, String payload, String stackName) throws InterruptedException {
        long giveUp = System.nanoTime() + 60_000_000_000L;
        for (;;) {
            try {
                if (!payload.equals(client.echo(payload))) {
                    throw new IllegalStateException(stackName + " echoed something else");
                }
                return;
            } catch (RuntimeException e) {
                if (e instanceof IllegalStateException || System.nanoTime() - giveUp > 0) {
                    throw e;
                }
                System.err.println("first call failed, retrying: " + e);
                Thread.sleep(500);
            }
        }
    }

    private static ProcessStats serverStats(String host, int statsPort) throws Exception {
        try (Socket s = new Socket(host, statsPort);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
            return ProcessStats.decode(in.readLine());
        }
    }
}
