package io.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallContextTest {
    @Test
    void attachedContextIsCurrentUntilTheScopeCloses() {
        CallContext outer = CallContext.current().withMetadata("a", "1");
        try (var s1 = outer.attach()) {
            try (var s2 = CallContext.current().withMetadata("b", "2").attach()) {
                assertThat(CallContext.current().metadata()).containsEntry("a", "1").containsEntry("b", "2");
            }
            assertThat(CallContext.current().metadata()).containsOnlyKeys("a");
        }
        assertThat(CallContext.current().metadata()).isEmpty();
    }

    @Test
    void reservedKeysAreRefused() {
        assertThatThrownBy(() -> CallContext.empty().withMetadata(":service", "x"))
                .hasMessageContaining(":service");
    }

    @Test
    void servedCallContextReportsCancellationAndCopiesKeepIt() {
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        CallContext served = CallContext.forServerCall(java.util.Map.of(), null, null, "web", cancelled::get);
        CallContext copy = served.withMetadata("k", "v").withDeadline(Deadline.after(java.time.Duration.ofSeconds(1)));
        assertThat(served.isCancelled()).isFalse();
        cancelled.set(true);
        assertThat(served.isCancelled()).isTrue();
        assertThat(copy.isCancelled()).isTrue();
        assertThat(CallContext.empty().isCancelled()).isFalse();
        assertThat(CallContext.forServerCall(java.util.Map.of(), null, null, "web").isCancelled()).isFalse();
    }

    @Test
    void servedCallContextCarriesTheCallersTraceOutsideItsMetadata() {
        CallContext served = CallContext.forServerCall(java.util.Map.of("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate", "a=b", "k", "v"), null, null, "web");
        assertThat(served.metadata()).containsOnlyKeys("k");
        assertThat(served.trace().orElseThrow().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(served.trace().orElseThrow().traceState()).isEqualTo("a=b");
        assertThat(served.withMetadata("x", "y").trace()).isEqualTo(served.trace());
    }

    @Test
    void servedCallWithABadTraceparentStartsANewTrace() {
        CallContext served = CallContext.forServerCall(java.util.Map.of("traceparent", "garbage"), null, null, "web");
        assertThat(served.trace()).isPresent();
        assertThat(served.metadata()).isEmpty();
    }

    @Test
    void traceHeadersAreSetThroughWithTrace() {
        assertThatThrownBy(() -> CallContext.empty().withMetadata("traceparent", "x")).hasMessageContaining("withTrace");
    }

    @Test
    void wrappedTasksRunInTheContextOfTheirWrappingAndRestoreTheThreads() throws Exception {
        CallContext context = CallContext.empty().withMetadata("k", "v");
        Runnable task;
        java.util.concurrent.Callable<String> callable;
        java.util.concurrent.Executor executor;
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var ignored = context.attach()) {
            Runnable record = () -> seen.add(CallContext.current().metadata().get("k"));
            task = CallContext.wrap(record);
            callable = CallContext.wrap(() -> CallContext.current().metadata().get("k"));
            java.util.concurrent.Executor direct = Runnable::run;
            executor = CallContext.wrap(direct);
            executor.execute(() -> seen.add("executor:" + CallContext.current().metadata().get("k")));
        }
        task.run();
        assertThat(callable.call()).isEqualTo("v");
        executor.execute(() -> seen.add("later:" + CallContext.current().metadata().get("k")));
        assertThat(seen).containsExactly("executor:v", "v", "later:null");
        assertThat(CallContext.current()).isSameAs(CallContext.empty());
    }
}
