package io.weft.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ClientCall;
import io.weft.ClientFilter;
import io.weft.ClientInvoker;
import io.weft.ServerCall;
import io.weft.ServerHandler;
import io.weft.ServerInterceptor;
import io.weft.internal.testing.TestClientCall;
import io.weft.internal.testing.TestServerCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class FilterChainsTest {
    private final AtomicInteger terminalCalls = new AtomicInteger();
    private final ClientInvoker clientTerminal = call -> {
        terminalCalls.incrementAndGet();
        return CompletableFuture.completedFuture("done");
    };
    private final ServerHandler serverTerminal = call -> {
        terminalCalls.incrementAndGet();
        return CompletableFuture.completedFuture("done");
    };

    /** Passes the call on twice, on either side: a contract violation (the call would be sent twice). */
    static final class NextTwice implements ClientFilter, ServerInterceptor {
        @Override
        public CompletionStage<Object> filter(ClientCall call, ClientInvoker next) {
            next.invoke(call);
            return next.invoke(call);
        }

        @Override
        public CompletionStage<Object> intercept(ServerCall call, ServerHandler next) {
            next.handle(call);
            return next.handle(call);
        }
    }

    /** Returns null instead of a stage, on either side. */
    static final class ReturnsNull implements ClientFilter, ServerInterceptor {
        @Override
        public CompletionStage<Object> filter(ClientCall call, ClientInvoker next) {
            return null;
        }

        @Override
        public CompletionStage<Object> intercept(ServerCall call, ServerHandler next) {
            return null;
        }
    }

    @Test
    void clientFilterCallingNextTwiceIsRefusedAndNamed() {
        ClientInvoker chain = FilterChains.client(List.of(new NextTwice()), clientTerminal);

        assertRefusedNaming(() -> chain.invoke(new TestClientCall()), NextTwice.class, "next");
        assertThat(terminalCalls).hasValue(1);
    }

    @Test
    void clientFilterReturningNullIsNamed() {
        ClientInvoker chain = FilterChains.client(List.of((call, next) -> next.invoke(call), new ReturnsNull()),
                clientTerminal);

        assertRefusedNaming(() -> chain.invoke(new TestClientCall()), ReturnsNull.class, "null");
    }

    @Test
    void serverInterceptorCallingNextTwiceIsRefusedAndNamed() {
        ServerHandler chain = FilterChains.server(List.of(new NextTwice()), serverTerminal);

        assertRefusedNaming(() -> chain.handle(new TestServerCall()), NextTwice.class, "next");
        assertThat(terminalCalls).hasValue(1);
    }

    @Test
    void serverInterceptorReturningNullIsNamed() {
        ServerHandler chain = FilterChains.server(List.of(new ReturnsNull()), serverTerminal);

        assertRefusedNaming(() -> chain.handle(new TestServerCall()), ReturnsNull.class, "null");
    }

    @Test
    void aSecondNextIsRefusedForTheFrameworksOwnCallsAtEveryPositionOfTheChain() {
        ClientFilter pass = (call, next) -> next.invoke(call);
        ClientInvoker client = FilterChains.client(List.of(pass, new NextTwice(), pass), clientTerminal);
        ServerInterceptor through = (call, next) -> next.handle(call);
        ServerHandler server = FilterChains.server(List.of(through, new NextTwice()), serverTerminal);

        assertRefusedNaming(() -> client.invoke(new CursorClientCall()), NextTwice.class, "next");
        assertRefusedNaming(() -> server.handle(new CursorServerCall()), NextTwice.class, "next");
        assertThat(terminalCalls).hasValue(2); // once per chain
    }

    @Test
    void eachCursorCallPassesTheWholeChainOnce() {
        ClientFilter pass = (call, next) -> next.invoke(call);
        ClientInvoker chain = FilterChains.client(List.of(pass, pass, pass), clientTerminal);

        chain.invoke(new CursorClientCall());
        chain.invoke(new CursorClientCall());

        assertThat(terminalCalls).hasValue(2);
    }

    @Test
    void filtersRunFirstAddedOutermostAndEachCallGetsItsOwnNext() {
        List<String> order = new ArrayList<>();
        ClientFilter a = (call, next) -> {
            order.add("a");
            return next.invoke(call);
        };
        ClientFilter b = (call, next) -> {
            order.add("b");
            return next.invoke(call);
        };
        ClientInvoker chain = FilterChains.client(List.of(a, b), clientTerminal);

        chain.invoke(new TestClientCall());
        chain.invoke(new TestClientCall()); // a second call may call next again

        assertThat(order).containsExactly("a", "b", "a", "b");
        assertThat(terminalCalls).hasValue(2);
    }

    @Test
    void aChainWithoutFiltersIsTheTerminalItself() {
        assertThat(FilterChains.client(List.of(), clientTerminal)).isSameAs(clientTerminal);
        assertThat(FilterChains.server(List.of(), serverTerminal)).isSameAs(serverTerminal);
    }

    /** {@code call} fails with an IllegalStateException naming the filter class {@code culprit} and {@code what}. */
    private static void assertRefusedNaming(ThrowingCallable call, Class<?> culprit, String what) {
        assertThatThrownBy(call).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(culprit.getName()).hasMessageContaining(what);
    }

    /** Like the framework's own calls: carries the chain position, so the chain allocates no guard. */
    private static final class CursorClientCall extends TestClientCall implements ChainCursor {
        private final AtomicInteger position = new AtomicInteger();

        @Override
        public boolean advanceChain(int from) {
            return position.compareAndSet(from, from + 1);
        }
    }

    private static final class CursorServerCall extends TestServerCall implements ChainCursor {
        private final AtomicInteger position = new AtomicInteger();

        @Override
        public boolean advanceChain(int from) {
            return position.compareAndSet(from, from + 1);
        }
    }
}
