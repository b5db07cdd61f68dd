package io.weft.sidecar;

import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.RpcException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads sending one generic request back to back until closed, counting each outcome: the JSON
 * answer, or the failure's status and description.
 */
final class GenericLoad implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    private GenericLoad() {
    }

    static GenericLoad start(GenericReference reference, GenericRequest request, int threads) {
        GenericLoad load = new GenericLoad();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                while (load.running.get()) {
                    load.outcomes.computeIfAbsent(outcome(reference, request), k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }, "load-" + t);
            thread.start();
            load.threads.add(thread);
        }
        return load;
    }

    private static String outcome(GenericReference reference, GenericRequest request) {
        try {
            return reference.callAsync(request).join();
        } catch (CompletionException e) {
            return e.getCause() instanceof RpcException rpc ? rpc.status() + " " + rpc.description()
                    : e.getCause().toString();
        }
    }

    /** How many calls had {@code outcome} so far. */
    int count(String outcome) {
        AtomicInteger n = outcomes.get(outcome);
        return n == null ? 0 : n.get();
    }

    /** The outcomes so far and how often each came. */
    Map<String, AtomicInteger> outcomes() {
        return outcomes;
    }

    /** Stops the threads and waits (10 s at most each) for their last calls. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
