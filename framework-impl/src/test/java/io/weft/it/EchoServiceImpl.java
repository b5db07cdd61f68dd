package io.weft.it;

import io.weft.CallContext;
import io.weft.RpcException;
import io.weft.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Implementation with hooks the tests observe. */
public class EchoServiceImpl implements EchoService {
    public final String name;
    public final List<String> recorded = new CopyOnWriteArrayList<>();
    public final AtomicInteger calls = new AtomicInteger();
    public final CountDownLatch release = new CountDownLatch(1);
    public final CountDownLatch blocked = new CountDownLatch(1);
    /** Calls of {@link #who} and {@link #read}, failed or not. */
    public final AtomicInteger whoCalls = new AtomicInteger();
    /** When set, {@link #who} and {@link #read} fail with this status. */
    public volatile Status failWith;
    /** Added delay of {@link #who} and {@link #read}, in ms. */
    public volatile long delayMillis;

    public EchoServiceImpl(String name) {
        this.name = name;
    }

    @Override
    public String echo(String text) {
        calls.incrementAndGet();
        return text;
    }

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public long add(long a, long b) {
        return a + b + 1_000_000_000_000L;
    }

    @Override
    public CompletableFuture<String> echoAsync(String text) {
        return CompletableFuture.supplyAsync(() -> "async " + text);
    }

    @Override
    public void record(String event) {
        recorded.add(event);
    }

    @Override
    public String sleep(long millis) {
        calls.incrementAndGet();
        try {
            Thread.sleep(millis); // simulates slow work inside the service, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return name;
    }

    @Override
    public String fail(String message) throws EchoException {
        throw new EchoException(message);
    }

    @Override
    public String boom(String message) {
        throw new IllegalStateException(message);
    }

    @Override
    public String metadata(String key) {
        return CallContext.current().metadata().get(key);
    }

    @Override
    public String block() {
        blocked.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "released";
    }

    @Override
    public String who() {
        whoCalls.incrementAndGet();
        long delay = delayMillis;
        if (delay > 0) {
            sleep(delay);
        }
        Status status = failWith;
        if (status != null) {
            throw new RpcException(status, "injected failure of " + name);
        }
        return name;
    }

    @Override
    public String read(String key) {
        return who();
    }
}
