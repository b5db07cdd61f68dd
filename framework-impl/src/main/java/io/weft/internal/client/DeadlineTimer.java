package io.weft.internal.client;

import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The deadline timer of every {@link WeftClient} in this JVM: call deadlines and PING timeouts.
 *
 * <p>One wheel (one daemon thread, {@code weft-deadline}, 10 ms ticks) serves any number of
 * clients, so a JVM with many Weft instances does not run a timer thread each, and Netty does not
 * warn about too many {@code HashedWheelTimer} instances. Created on first use and never stopped:
 * a closed client's calls have already cancelled their timeouts, and an idle wheel costs one
 * parked thread.
 */
final class DeadlineTimer {

    /** Shared, lazily created with this class; never stop it. */
    static final HashedWheelTimer TIMER =
            new HashedWheelTimer(new DefaultThreadFactory("weft-deadline", true), 10, TimeUnit.MILLISECONDS);

    private DeadlineTimer() {
    }
}
