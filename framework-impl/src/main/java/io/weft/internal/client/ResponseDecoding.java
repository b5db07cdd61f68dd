package io.weft.internal.client;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where response bodies are decoded: off the event loops, so that a provider sending an expensive
 * body stalls no other connection on that loop. Bodies up to {@link #INLINE_BYTES} are decoded on
 * the event loop itself: the decode limits bound their work to microseconds, and a thread hop
 * would cost more than the decoding. One pool per JVM (like {@link DeadlineTimer}): as many daemon
 * threads as processors (at least 2), started on demand and ended after a minute without work.
 */
final class ResponseDecoding {
    /** Bodies of at most this many bytes are decoded on the event loop. */
    static final int INLINE_BYTES = 128;

    static final Executor EXECUTOR = pool();

    private ResponseDecoding() {}

    private static Executor pool() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("weft-decode", true));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
