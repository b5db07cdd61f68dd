package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.CallContext;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sync, async and one-way calls, errors and metadata, over real loopback sockets. */
class CallStylesIT {
    static final EchoServiceImpl impl = new EchoServiceImpl("p1");
    @RegisterExtension
    static final EchoPair pair = new EchoPair(impl);

    @Test
    void syncCallReturnsTheProvidersResult() {
        assertThat(pair.echo().echo("hello")).isEqualTo("hello");
        assertThat(pair.echo().echo("")).isEmpty();
        assertThat(pair.echo().echo(null)).isNull();
        String big = "x".repeat(64 * 1024) + "é漢";
        assertThat(pair.echo().echo(big)).isEqualTo(big);
    }

    @Test
    void overloadedMethodsAreTellApartByParameterTypes() {
        assertThat(pair.echo().add(2, 3)).isEqualTo(5);
        assertThat(pair.echo().add(2L, 3L)).isEqualTo(1_000_000_000_005L);
    }

    @Test
    void asyncMethodCompletesItsFutureOffTheEventLoop() throws Exception {
        CompletableFuture<String> f = pair.echo().echoAsync("hi");
        assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("async hi");
        String thread = f.thenApply(s -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        assertThat(thread).doesNotStartWith("weft-io");
    }

    @Test
    void oneWayCallReachesTheProviderWithoutAResponse() {
        pair.echo().record("event-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> impl.recorded.contains("event-1"));
    }

    @Test
    void declaredApplicationExceptionIsRethrownAsItsOwnType() {
        assertThatThrownBy(() -> pair.echo().fail("nope")).isInstanceOf(EchoException.class).hasMessage("nope");
    }

    @Test
    void undeclaredApplicationExceptionBecomesUnknownNamingTheClass() {
        assertThatThrownBy(() -> pair.echo().boom("bad state"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.UNKNOWN);
                    assertThat(e.remoteExceptionClass()).contains("java.lang.IllegalStateException");
                    assertThat(e.getMessage()).contains("bad state");
                });
    }

    @Test
    void metadataAttachedToTheContextReachesTheProvider() {
        try (var scope = CallContext.current().withMetadata("tier", "beta").attach()) {
            assertThat(pair.echo().metadata("tier")).isEqualTo("beta");
        }
        assertThat(pair.echo().metadata("tier")).isNull();
    }

    @Test
    void callPastItsDeadlineFailsWithDeadlineExceededPromptly() {
        EchoService quick = pair.consumer().reference(EchoService.class, ReferenceOptions.builder()
                .directAddress(Nodes.address(pair.provider()))
                .methodTimeout("sleep", Duration.ofMillis(200))
                .build());
        long start = System.nanoTime();
        assertThatThrownBy(() -> quick.sleep(3000))
                .isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.DEADLINE_EXCEEDED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(quick.echo("still fine")).isEqualTo("still fine");
    }

    @Test
    void contextDeadlineShortensTheCall() {
        try (var scope = CallContext.current().withDeadline(io.weft.Deadline.after(Duration.ofMillis(150))).attach()) {
            assertThatThrownBy(() -> pair.echo().sleep(2000))
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.DEADLINE_EXCEEDED));
        }
    }

    @Test
    void serviceNotExportedByTheProviderIsNotFound() {
        Runnable unknown = pair.consumer().reference(Runnable.class, ReferenceOptions.builder()
                .directAddress(Nodes.address(pair.provider())).build());
        assertThatThrownBy(unknown::run)
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.NOT_FOUND);
                    assertThat(e.getMessage()).contains("java.lang.Runnable");
                });
    }

    @Test
    void stubObjectMethodsAreLocal() {
        EchoService echo = pair.echo();
        assertThat(echo.toString()).contains(EchoService.class.getName());
        assertThat(echo).isEqualTo(echo);
        assertThat(echo.hashCode()).isEqualTo(System.identityHashCode(echo));
    }
}
