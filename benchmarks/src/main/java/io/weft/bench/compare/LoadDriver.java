package io.weft.bench.compare;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures one cell of the matrix against a running {@link StackServer}: C synchronous callers share
 * one client (one connection) and call {@code echo} with a payload of the given size in a closed loop.
 * Prints one tab-separated row (see {@link #HEADER}) with throughput, latency percentiles in
 * microseconds, CPU per call and GC counts of both sides, and bytes allocated per call on both sides.
 * Usage: {@code LoadDriver STACK HOST PORT STATS_PORT INFO C PAYLOAD_BYTES WARMUP_S MEASURE_S}.
 */
public final class LoadDriver {
    static final String HEADER = "stack\tC\tbytes\tops\tp50\tp99\tp999\tmax\tfailed\tclientCpuUs\tserverCpuUs"
            + "\tclientGc\tserverGc\tclientAlloc\tserverAlloc";

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
            if (!payload.equals(client.echo(payload))) {
                throw new IllegalStateException(stackName + " echoed something else");
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicBoolean measuring = new AtomicBoolean(false);
            LongAdder calls = new LongAdder();
            LongAdder failures = new LongAdder();
            Recorder recorder = new Recorder(3);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Thread t = new Thread(() -> callLoop(client, payload, running, measuring, recorder, calls, failures),
                        "caller-" + i);
                t.start();
                threads.add(t);
            }
            Thread.sleep(warmupSeconds * 1000L);
            recorder.reset();
            ProcessStats clientBefore = ProcessStats.now();
            ProcessStats serverBefore = serverStats(host, statsPort);
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(measureSeconds * 1000L);
            measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            ProcessStats client0 = ProcessStats.now().minus(clientBefore);
            ProcessStats server0 = serverStats(host, statsPort).minus(serverBefore);
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            Histogram h = recorder.getIntervalHistogram();
            long n = Math.max(1, calls.sum());
            System.out.printf("%s\t%d\t%d\t%.0f\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%d\t%d\t%d\t%d%n", stackName, callers,
                    payloadBytes, calls.sum() / seconds, h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue(), failures.sum(), client0.cpuNanos() / 1e3 / n,
                    server0.cpuNanos() / 1e3 / n, client0.gcCount(), server0.gcCount(), client0.allocatedBytes() / n,
                    server0.allocatedBytes() / n);
        }
        System.exit(0); // some stacks keep non-daemon threads after close
    }

    private static void callLoop(Stack.Client client, String payload, AtomicBoolean running, AtomicBoolean measuring,
                                 Recorder recorder, LongAdder calls, LongAdder failures) {
        while (running.get()) {
            long start = System.nanoTime();
            try {
                client.echo(payload);
                if (measuring.get()) {
                    recorder.recordValue((System.nanoTime() - start) / 1000);
                    calls.increment();
                }
            } catch (RuntimeException e) {
                if (measuring.get()) {
                    failures.increment();
                }
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
