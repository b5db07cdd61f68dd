package io.weft.bench;

import io.weft.ReferenceOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A simple closed-loop load driver: C synchronous callers share one connection and call
 * {@code echo} with a payload of the given size. Usage:
 * {@code EchoLoad server PORT} | {@code EchoLoad client HOST:PORT C PAYLOAD_BYTES WARMUP_S MEASURE_S} |
 * {@code EchoLoad both C PAYLOAD_BYTES WARMUP_S MEASURE_S} (both in this JVM).
 */
public final class EchoLoad {
    private EchoLoad() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "server" -> {
                Weft server = server(Integer.parseInt(args[1]));
                System.out.println("READY " + server.serverAddress().orElseThrow().getPort());
                Thread.currentThread().join();
            }
            case "client" -> run(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "both" -> {
                try (Weft server = server(0)) {
                    run("127.0.0.1:" + server.serverAddress().orElseThrow().getPort(), Integer.parseInt(args[1]),
                            Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                }
            }
            default -> throw new IllegalArgumentException("usage: server PORT | client ADDR C BYTES W S | both C BYTES W S");
        }
    }

    static Weft server(int port) {
        Weft weft = Weft.create(WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, Integer.toString(port),
                WeftConfig.SERVER_HOST, "127.0.0.1")));
        weft.export(Echo.class, text -> text);
        return weft;
    }

    static void run(String address, int callers, int payloadBytes, int warmupSeconds, int measureSeconds)
            throws InterruptedException {
        char[] chars = new char[payloadBytes];
        Arrays.fill(chars, 'x');
        String payload = new String(chars);
        try (Weft client = Weft.create(WeftConfig.empty())) {
            Echo echo = client.reference(Echo.class, ReferenceOptions.builder().directAddress(address).build());
            AtomicBoolean running = new AtomicBoolean(true);
            LongAdder calls = new LongAdder();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        echo.echo(payload);
                        calls.increment();
                    }
                }, "caller-" + i);
                t.start();
                threads.add(t);
            }
            Thread.sleep(warmupSeconds * 1000L);
            long before = calls.sum();
            long start = System.nanoTime();
            Thread.sleep(measureSeconds * 1000L);
            long done = calls.sum() - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            System.out.printf("C=%d payload=%dB: %.0f calls/s%n", callers, payloadBytes, done / seconds);
        }
    }
}
