package io.weft.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Steady closed-loop load for tests: {@code callers} threads call {@code call} until stopped,
 * counting answers per provider name and recording failures with their time.
 */
final class LoadRunner implements AutoCloseable {
    /** A failed call: when (System.nanoTime) and what. */
    record Failure(long atNanos, Throwable error) {}

    final Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
    final List<Failure> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger ok = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    LoadRunner(int callers, Supplier<String> call) {
        for (int i = 0; i < callers; i++) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        answeredBy.computeIfAbsent(call.get(), k -> new AtomicInteger()).incrementAndGet();
                        ok.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(new Failure(System.nanoTime(), e));
                    }
                }
            }, "load-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    int answered(String name) {
        AtomicInteger n = answeredBy.get(name);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
