package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.CallContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Dependent stages of a call's future run in the caller's context; the completing thread keeps its own. */
class ContextFutureTest {
    @Test
    void stagesRunInTheCallersContextAndTheCompletingThreadIsLeftClean() throws Exception {
        CallContext caller = CallContext.empty().withMetadata("k", "caller");
        ContextFuture<String> future = new ContextFuture<>(caller);
        CompletableFuture<String> dependent = future.thenApply(v -> v + CallContext.current().metadata().get("k"))
                .thenApplyAsync(v -> v + "/" + CallContext.current().metadata().get("k"));
        AtomicReference<CallContext> afterwards = new AtomicReference<>();
        Thread completer = new Thread(() -> {
            future.settle("got ", null);
            afterwards.set(CallContext.current());
        });
        completer.start();
        completer.join(10_000);
        assertThat(dependent.get(10, TimeUnit.SECONDS)).isEqualTo("got caller/caller");
        assertThat(afterwards.get()).isSameAs(CallContext.empty());
    }
}
