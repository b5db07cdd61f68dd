package io.weft.internal.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.RpcException;
import io.weft.Status;
import io.weft.internal.testing.TestClientCall;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsumerGovernanceTest {
    interface Greeter {
        String greet(String name);
    }

    private static final String SVC = Greeter.class.getName();

    private final FakeRuleSource source = new FakeRuleSource();
    private final ConsumerGovernance filter =
            new ConsumerGovernance(new Governance(source, s -> { }), "web", ForkJoinPool.commonPool());
    private final AtomicInteger reached = new AtomicInteger();

    private Object call() throws Exception {
        return call(new TestClientCall(SVC, Greeter.class.getMethod("greet", String.class), "x"));
    }

    /** Runs {@code call} through the filter to a next stage that answers "ok"; returns the answer or the failure. */
    private Object call(TestClientCall call) {
        try {
            return filter.filter(call, c -> {
                reached.incrementAndGet();
                return CompletableFuture.completedFuture("ok");
            }).toCompletableFuture().join();
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void withoutRulesCallsPassThrough() throws Exception {
        assertThat(call()).isEqualTo("ok");
        assertThat(reached.get()).isEqualTo(1);
    }

    @Test
    void consumerQpsLimitRefusesBeyondTheBurstWithResourceExhausted() throws Exception {
        source.put(SVC, "throttling", "{\"limits\":[{\"name\":\"client\",\"side\":\"consumer\",\"qps\":0.001,\"burst\":3}]}");
        int ok = 0;
        int throttled = 0;
        for (int i = 0; i < 10; i++) {
            Object r = call();
            if ("ok".equals(r)) {
                ok++;
            } else {
                assertThat(((RpcException) r).status()).isEqualTo(Status.RESOURCE_EXHAUSTED);
                assertThat(((RpcException) r).getMessage()).contains("'client'");
                throttled++;
            }
        }
        assertThat(ok).isEqualTo(3);
        assertThat(throttled).isEqualTo(7);
        assertThat(reached.get()).isEqualTo(3);
    }

    @Test
    void providerSideLimitsAndOtherAppsAreIgnoredByTheConsumer() throws Exception {
        source.put(SVC, "throttling", """
                {"limits":[{"side":"provider","qps":0.001,"burst":1},
                           {"side":"consumer","qps":0.001,"burst":1,"match":{"consumerApps":["batch"]}}]}""");
        for (int i = 0; i < 5; i++) {
            assertThat(call()).isEqualTo("ok");
        }
    }

    @Test
    void abortFaultFailsEveryMatchingCallWithAMarkedException() throws Exception {
        source.put(SVC, "faults", """
                {"faults":[{"side":"consumer","match":{"methods":["greet"]},
                            "abort":{"status":"UNAVAILABLE","percent":100,"message":"chaos"}}]}""");
        Object r = call();
        assertThat(r).isInstanceOf(InjectedFaultException.class);
        assertThat(((RpcException) r).status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(((RpcException) r).getMessage()).contains("chaos");
        assertThat(reached.get()).isZero();

        source.delete(SVC, "faults");
        assertThat(call()).isEqualTo("ok");
    }

    @Test
    void delayFaultDelaysTheCall() throws Exception {
        source.put(SVC, "faults", "{\"faults\":[{\"side\":\"consumer\",\"delay\":{\"ms\":200,\"percent\":100}}]}");
        long start = System.nanoTime();
        assertThat(call()).isEqualTo("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void concurrencyLimitCountsCallsInFlight() throws Exception {
        source.put(SVC, "throttling", "{\"limits\":[{\"side\":\"consumer\",\"maxConcurrent\":1}]}");
        CompletableFuture<Object> pending = new CompletableFuture<>();
        var first = filter.filter(new TestClientCall(SVC, Greeter.class.getMethod("greet", String.class), "x"), c -> pending);
        Object second = call();
        assertThat(((RpcException) second).status()).isEqualTo(Status.RESOURCE_EXHAUSTED);
        pending.complete("done");
        assertThat(first.toCompletableFuture().join()).isEqualTo("done");
        assertThat(call()).isEqualTo("ok");
    }

    @Test
    void twoMatchingConcurrencyLimitsReleaseBothSlotsWhenCallsComplete() throws Exception {
        source.put(SVC, "throttling", """
                {"limits":[{"name":"all","side":"consumer","maxConcurrent":50},
                           {"name":"greet","side":"consumer","match":{"methods":["greet"]},"maxConcurrent":50}]}""");
        for (int i = 0; i < 200; i++) {
            assertThat(call()).as("call %d", i).isEqualTo("ok");
        }
        assertThat(reached.get()).isEqualTo(200);
    }

    @Test
    void concurrencySlotsTakenBeforeALaterQpsRefusalAreReturned() throws Exception {
        source.put(SVC, "throttling", """
                {"limits":[{"name":"a","side":"consumer","maxConcurrent":1},
                           {"name":"b","side":"consumer","maxConcurrent":1},
                           {"name":"slow","side":"consumer","qps":0.001,"burst":1}]}""");
        assertThat(call()).isEqualTo("ok");
        for (int i = 0; i < 5; i++) {
            Object refused = call();
            assertThat(((RpcException) refused).status()).isEqualTo(Status.RESOURCE_EXHAUSTED);
            assertThat(((RpcException) refused).getMessage()).contains("'slow'");
        }
    }

    @Test
    void concurrencySlotIsReturnedWhenTheNextInvokerThrows() throws Exception {
        source.put(SVC, "throttling", "{\"limits\":[{\"name\":\"one\",\"side\":\"consumer\",\"maxConcurrent\":1}]}");
        for (int i = 0; i < 3; i++) {
            try {
                filter.filter(new TestClientCall(SVC, Greeter.class.getMethod("greet", String.class), "x"), c -> {
                    throw new IllegalStateException("broken filter");
                });
            } catch (IllegalStateException expected) {
                // the filter may rethrow; the slot must come back either way
            }
        }
        assertThat(call()).isEqualTo("ok");
    }

    /** A call that counts how often its metadata map is asked for (an outgoing call builds it when asked). */
    private static final class MetadataCountingCall extends TestClientCall {
        final AtomicInteger metadataReads = new AtomicInteger();

        MetadataCountingCall(String tier) throws NoSuchMethodException {
            super(SVC, Greeter.class.getMethod("greet", String.class), "x");
            super.metadata().put("tier", tier);
        }

        @Override
        public java.util.Map<String, String> metadata() {
            metadataReads.incrementAndGet();
            return super.metadata();
        }
    }

    @Test
    void rulesWithoutMetadataConditionsNeverReadTheCallsMetadata() throws Exception {
        source.put(SVC, "throttling", "{\"limits\":[{\"side\":\"consumer\",\"maxConcurrent\":10,"
                + "\"match\":{\"methods\":[\"greet\"]}}]}");
        source.put(SVC, "faults", "{\"faults\":[{\"side\":\"consumer\",\"match\":{\"methods\":[\"other\"]},"
                + "\"abort\":{\"status\":\"UNAVAILABLE\",\"percent\":100}}]}");
        MetadataCountingCall call = new MetadataCountingCall("beta");

        assertThat(call(call)).isEqualTo("ok");
        assertThat(call.metadataReads).hasValue(0);
    }

    @Test
    void rulesWithMetadataConditionsMatchOnTheCallsMetadata() throws Exception {
        source.put(SVC, "faults", "{\"faults\":[{\"side\":\"consumer\",\"match\":{\"metadata\":{\"tier\":\"beta\"}},"
                + "\"abort\":{\"status\":\"UNAVAILABLE\",\"percent\":100}}]}");

        assertThat(call(new MetadataCountingCall("stable"))).isEqualTo("ok");
        Object beta = call(new MetadataCountingCall("beta"));
        assertThat(beta).isInstanceOf(InjectedFaultException.class);
        assertThat(reached).hasValue(1);
    }
}
