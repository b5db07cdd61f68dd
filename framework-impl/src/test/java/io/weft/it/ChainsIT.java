package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.ServerCall;
import io.weft.ServerHandler;
import io.weft.ServerInterceptor;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Client filters and server interceptors run in order around every call and can refuse it. */
class ChainsIT {

    /** A provider of {@code impl} on loopback, a free port, with {@code interceptors}, the first outermost. */
    private static Weft intercepted(EchoService impl, ServerInterceptor... interceptors) {
        Weft.Builder builder = Weft.builder(WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, "0",
                WeftConfig.SERVER_HOST, "127.0.0.1")));
        for (ServerInterceptor interceptor : interceptors) {
            builder.serverInterceptor(interceptor);
        }
        Weft provider = builder.build();
        provider.export(EchoService.class, impl);
        return provider;
    }

    @Test
    void filtersAndInterceptorsRunOutermostFirstAndSeeTheCall() {
        List<String> trace = new CopyOnWriteArrayList<>();
        Weft provider = intercepted(new EchoServiceImpl("p"),
                (call, next) -> {
                    trace.add("server-1 " + call.method().getName() + " app=" + call.callerApplication().orElse("?"));
                    return next.handle(call);
                },
                (call, next) -> {
                    trace.add("server-2 user=" + call.metadata().get("user"));
                    return next.handle(call);
                });
        Weft consumer = Weft.builder(WeftConfig.of(Map.of(WeftConfig.APPLICATION, "web")))
                .clientFilter((call, next) -> {
                    trace.add("client-1");
                    call.metadata().put("user", "ada");
                    return next.invoke(call);
                })
                .clientFilter((call, next) -> {
                    trace.add("client-2 " + call.service());
                    return next.invoke(call).thenApply(r -> r + "!");
                })
                .build();
        try (provider; consumer) {
            EchoService echo = Nodes.stub(consumer, provider);
            assertThat(echo.echo("hi")).isEqualTo("hi!");
            assertThat(trace).containsExactly("client-1", "client-2 " + EchoService.class.getName(),
                    "server-1 echo app=web", "server-2 user=ada");
        }
    }

    @Test
    void interceptorRefusingACallKeepsItFromTheService() {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        Weft provider = intercepted(impl, (call, next) -> call.callerApplication().filter("trusted"::equals).isPresent()
                ? next.handle(call)
                : CompletableFuture.failedFuture(new RpcException(Status.PERMISSION_DENIED,
                        "app " + call.callerApplication().orElse("?") + " may not call")));
        try (provider; Weft consumer = Nodes.consumer()) {
            EchoService echo = Nodes.stub(consumer, provider);
            assertThatThrownBy(() -> echo.echo("x"))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.status()).isEqualTo(Status.PERMISSION_DENIED);
                        assertThat(e.getMessage()).contains("echo-consumer may not call");
                    });
            assertThat(impl.calls.get()).isZero();
        }
    }

    @Test
    void clientFilterCanAnswerWithoutCallingTheProvider() {
        try (Weft consumer = Weft.builder(WeftConfig.empty())
                .clientFilter((call, next) -> CompletableFuture.completedFuture("cached"))
                .build()) {
            EchoService echo = consumer.reference(EchoService.class,
                    ReferenceOptions.builder().directAddress("127.0.0.1:1").build());
            assertThat(echo.echo("x")).isEqualTo("cached");
        }
    }

    /** Breaks the contract: passes the call on twice. */
    static final class TwiceInterceptor implements ServerInterceptor {
        @Override
        public CompletionStage<Object> intercept(ServerCall call, ServerHandler next) {
            next.handle(call);
            return next.handle(call);
        }
    }

    @Test
    void interceptorCallingNextTwiceRunsTheServiceOnceAndTheCallerLearnsWhichInterceptor() {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        Weft provider = intercepted(impl, new TwiceInterceptor());
        try (provider; Weft consumer = Nodes.consumer()) {
            EchoService echo = Nodes.stub(consumer, provider);
            assertThatThrownBy(() -> echo.echo("x"))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.getMessage())
                            .contains(TwiceInterceptor.class.getName()).contains("called next more than once"));
            assertThat(impl.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void clientFilterSeesARequestThatNeverLeftAsUnprocessedRequestException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens there once closed
        }
        AtomicReference<Throwable> seen = new AtomicReference<>();
        try (Weft consumer = Weft.builder(WeftConfig.empty())
                .clientFilter((call, next) -> next.invoke(call).whenComplete(
                        (r, e) -> seen.set(e instanceof CompletionException ? e.getCause() : e)))
                .build()) {
            EchoService echo = consumer.reference(EchoService.class,
                    ReferenceOptions.builder().directAddress("127.0.0.1:" + closedPort).build());
            assertThatThrownBy(() -> echo.echo("x"))
                    .isInstanceOfSatisfying(UnprocessedRequestException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.UNAVAILABLE));
            assertThat(seen.get()).isInstanceOf(UnprocessedRequestException.class);
        }
    }

    @Test
    void filterForgingTheCallerAppFailsNamingTheKeyAndTheProviderSeesTheRealApp() {
        List<String> seen = new CopyOnWriteArrayList<>();
        EchoServiceImpl impl = new EchoServiceImpl("p");
        Weft provider = intercepted(impl, (call, next) -> {
            seen.add(call.callerApplication().orElse("?") + " token=" + call.metadata().get(":token"));
            return next.handle(call);
        });
        Weft forger = Weft.builder(WeftConfig.of(Map.of(WeftConfig.APPLICATION, "web")))
                .clientFilter((call, next) -> {
                    call.metadata().put(":app", "admin");
                    return next.invoke(call);
                })
                .build();
        Weft honest = Weft.create(WeftConfig.of(Map.of(WeftConfig.APPLICATION, "web",
                "weft.security.token", "web-token", "weft.client.token.allow-plaintext", "true")));
        try (provider; forger; honest) {
            assertThatThrownBy(() -> Nodes.stub(forger, provider).echo("x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("':app'");
            assertThat(impl.calls.get()).isZero();
            // the framework's own reserved keys still travel: :app from weft.application, :token from config
            assertThat(Nodes.stub(honest, provider).echo("y")).isEqualTo("y");
            assertThat(seen).containsExactly("web token=web-token");
        }
    }
}
