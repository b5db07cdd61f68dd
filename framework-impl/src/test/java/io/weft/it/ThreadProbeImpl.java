package io.weft.it;

import io.weft.NonBlocking;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link ThreadProbe} that answers with the serving thread's name. */
public final class ThreadProbeImpl implements ThreadProbe {
    /** Calls of {@link #hold} holding their thread now. */
    public final AtomicInteger holding = new AtomicInteger();
    public final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String interfaceMarked() {
        return Thread.currentThread().getName();
    }

    @NonBlocking
    @Override
    public String implementationMarked() {
        return Thread.currentThread().getName();
    }

    @Override
    public String unmarked() {
        return Thread.currentThread().getName();
    }

    @Override
    public String hold() {
        holding.incrementAndGet();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holding.decrementAndGet();
        }
        return "released";
    }
}
