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
}
