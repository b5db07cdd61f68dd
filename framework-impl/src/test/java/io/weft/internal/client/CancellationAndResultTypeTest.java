package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The client's call cancellation ({@link OutgoingCall}) and result check ({@link ResultType}), without sockets. */
class CancellationAndResultTypeTest {
    interface Api {
        String text();

        short small();

        float ratio();

        char letter();

        void nothing();

        CompletableFuture<List<String>> names();

        <T> CompletionStage<T> anything();
    }

    private static final class CountingAttempt implements OutgoingCall.Attempt {
        final AtomicInteger abandoned = new AtomicInteger();

        @Override
        public void abandon() {
            abandoned.incrementAndGet();
        }
    }

    private static OutgoingCall call() throws Exception {
        ClientMethod method = new ClientMethod(Api.class.getName(), Api.class.getMethod("text"), false,
                Duration.ofSeconds(1), "app");
        return new OutgoingCall(method, new Object[0], Map.of(), null, Deadline.after(Duration.ofSeconds(1)));
    }

    private static ResultType type(String method) throws Exception {
        return ResultType.of(Api.class.getName(), Api.class.getMethod(method));
    }

    @Test
    void cancellingACallAbandonsEveryTrackedAttemptOnce() throws Exception {
        OutgoingCall call = call();
        CountingAttempt first = new CountingAttempt();
        CountingAttempt second = new CountingAttempt();
        call.track(first);
        call.track(second);
        assertThat(call.isCancelled()).isFalse();

        call.cancel();
        call.cancel();
        assertThat(call.isCancelled()).isTrue();
        assertThat(first.abandoned).hasValue(1);
        assertThat(second.abandoned).hasValue(1);
        assertThat(call.cancelledError().status()).isEqualTo(Status.CANCELLED);
    }

    @Test
    void attemptTrackedAfterTheCallWasCancelledIsAbandonedAtOnce() throws Exception {
        OutgoingCall call = call();
        call.cancel();
        CountingAttempt late = new CountingAttempt();
        call.track(late);
        assertThat(late.abandoned).hasValue(1);
    }

    @Test
    void hessiansWidenedSmallPrimitivesAreNarrowedBackOnlyWhenTheyFit() throws Exception {
        assertThat(type("small").check(-7)).isEqualTo((short) -7);
        assertThatThrownBy(() -> type("small").check(40_000)).isInstanceOf(RpcException.class);
        assertThat(type("ratio").check((double) 0.1f)).isEqualTo(0.1f);
        assertThat(type("ratio").check(Double.NaN)).isEqualTo(Float.NaN);
        assertThatThrownBy(() -> type("ratio").check(0.1d)).isInstanceOf(RpcException.class); // not a float's value
        assertThat(type("letter").check("w")).isEqualTo('w');
        assertThatThrownBy(() -> type("letter").check("wx")).isInstanceOf(RpcException.class);
    }

    @Test
    void futuresAreCheckedAgainstTheirTypeArgumentAndTypeVariablesNotAtAll() throws Exception {
        assertThat(type("names").check(List.of("a"))).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> type("names").check("a"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.INTERNAL);
                    assertThat(e.getMessage()).contains(Api.class.getName() + ".names returned java.lang.String,"
                            + " expected java.util.List");
                });
        assertThat(type("anything").check(42)).isEqualTo(42);
        assertThat(type("nothing").check(null)).isNull();
        assertThat(type("text").check(null)).isNull();
    }
}
