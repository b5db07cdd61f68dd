package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.CallContext;
import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generic invocation (JSON, serialization 2) over real loopback sockets: no interface on the
 * caller's side, sync and async, errors, overloads, metadata, deadlines and cancellation; and a
 * typed reference asking for JSON.
 */
class GenericCallIT {
    static final EchoServiceImpl impl = new EchoServiceImpl("p1");
    @RegisterExtension
    static final EchoPair pair = new EchoPair(impl);
    static GenericReference echo;

    @BeforeAll
    static void referToTheProvider() {
        echo = pair.consumer().genericReference(EchoService.class.getName(),
                ReferenceOptions.builder().directAddress(Nodes.address(pair.provider())).build());
    }

    @Test
    void genericCallSendsJsonArgumentsAndReturnsTheJsonResult() {
        assertThat(echo.call("echo", "[\"Ada\"]")).isEqualTo("\"Ada\"");
        assertThat(echo.call("echo", "[\"é漢 \\\"q\\\"\"]")).isEqualTo("\"é漢 \\\"q\\\"\"");
        assertThat(echo.call("echo", "[null]")).isNull();
        assertThat(echo.call("who", null)).isEqualTo("\"p1\"");
    }

    @Test
    void asyncGenericCallCompletesOffTheEventLoop() throws Exception {
        CompletableFuture<String> f = echo.callAsync(GenericRequest.of("echoAsync", "[\"hi\"]"));
        assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("\"async hi\"");
        assertThat(f.thenApply(s -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS))
                .doesNotStartWith("weft-io");
    }

    @Test
    void overloadsAreChosenByParamsAndAmbiguityNamesTheCandidates() {
        GenericRequest ints = GenericRequest.builder("add").arguments("[2,3]").parameterTypes(List.of("int", "int"))
                .build();
        GenericRequest longs = GenericRequest.builder("add").arguments("[2,3]").parameterTypes(List.of("long", "long"))
                .build();
        assertThat(echo.callAsync(ints).join()).isEqualTo("5");
        assertThat(echo.callAsync(longs).join()).isEqualTo("1000000000005");
        assertThatThrownBy(() -> echo.call("add", "[2,3]")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("ambiguous").contains("'int,int'").contains("'long,long'");
        });
    }

    @Test
    void missingMethodAndBadArgumentsFailWithTheirStatus() {
        assertThatThrownBy(() -> echo.call("nope", "[]")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(Status.NOT_FOUND));
        assertThatThrownBy(() -> echo.call("sleep", "[\"soon\"]")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("argument 0 'millis' (long)");
        });
        assertThatThrownBy(() -> echo.call("echo", "{\"not\":\"an array\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON array");
        assertThatThrownBy(() -> echo.call("boom", "[\"bad\"]")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.UNKNOWN);
            assertThat(e.remoteExceptionClass()).contains("java.lang.IllegalStateException");
        });
    }

    @Test
    void metadataFromTheRequestAndTheContextReachTheProvider() {
        GenericRequest request = GenericRequest.builder("metadata").arguments("[\"tier\"]").metadata("tier", "beta")
                .build();
        assertThat(echo.callAsync(request).join()).isEqualTo("\"beta\"");
        try (CallContext.Scope ignored = CallContext.current().withMetadata("user-id", "42").attach()) {
            assertThat(echo.call("metadata", "[\"user-id\"]")).isEqualTo("\"42\"");
        }
    }

    @Test
    void deadlineOfTheRequestBoundsTheCall() {
        GenericRequest slow = GenericRequest.builder("sleep").arguments("[2000]").timeout(Duration.ofMillis(200))
                .build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> echo.callAsync(slow).join()).hasCauseInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e.getCause()).status()).isEqualTo(Status.DEADLINE_EXCEEDED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void cancellingTheFutureCancelsTheCallOnTheProvider() throws Exception {
        CompletableFuture<String> f = echo.callAsync(GenericRequest.of("block", "[]"));
        assertThat(impl.blocked.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(f.cancel(true)).isTrue();
        impl.release.countDown();
        assertThat(echo.call("echo", "[\"after\"]")).isEqualTo("\"after\"");
    }

    @Test
    void typedReferenceCanAskForJson() {
        EchoService typed = pair.consumer().reference(EchoService.class, ReferenceOptions.builder()
                .directAddress(Nodes.address(pair.provider())).serializations("json").build());
        assertThat(typed.echo("typed")).isEqualTo("typed");
        assertThat(typed.add(2L, 3L)).isEqualTo(1_000_000_000_005L);
        assertThatThrownBy(() -> typed.fail("nope")).isInstanceOf(EchoException.class).hasMessage("nope");
    }
}
