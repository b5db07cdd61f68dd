package io.weft.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.Status;
import io.weft.spi.CallListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListenersTest {

    @Test
    void noListenersIsNullSoCallSitesDoNothing() {
        assertThat(Listeners.of(List.of())).isNull();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        AtomicInteger finished = new AtomicInteger();
        CallListener broken = new CallListener() {
            @Override
            public void callFinished(Side side, String service, String method, Status status, long durationNanos,
                                     String peer, String callerApplication, Map<String, String> metadata) {
                throw new IllegalStateException("broken listener");
            }
        };
        CallListener counting = new CallListener() {
            @Override
            public void callFinished(Side side, String service, String method, Status status, long durationNanos,
                                     String peer, String callerApplication, Map<String, String> metadata) {
                finished.incrementAndGet();
            }
        };
        CallListener both = Listeners.of(List.of(broken, counting));
        both.callFinished(CallListener.Side.CLIENT, "svc", "m", Status.OK, 1, "-", null, Map.of());
        both.callFinished(CallListener.Side.CLIENT, "svc", "m", Status.OK, 1, "-", null, Map.of());
        assertThat(finished).hasValue(2);
    }

    @Test
    void statusOfAFailureIsItsRpcStatusElseUnknown() {
        assertThat(Listeners.statusOf(null)).isEqualTo(Status.OK);
        assertThat(Listeners.statusOf(new io.weft.RpcException(Status.UNAVAILABLE, "x"))).isEqualTo(Status.UNAVAILABLE);
        assertThat(Listeners.statusOf(new java.util.concurrent.CancellationException())).isEqualTo(Status.CANCELLED);
        assertThat(Listeners.statusOf(new IllegalStateException())).isEqualTo(Status.UNKNOWN);
    }
}
