package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.weft.ClusterStrategy;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.server.ServerSettings;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Cancellation end to end on real sockets: a cancelled future sends CANCEL, the provider drops a
 * cancelled call still queued, marks a running one cancelled (never interrupting it) and sends no
 * response for it; forking cancels the copies that lost the race.
 */
class CancellationIT {
    private static final Hessian2Serialization HESSIAN = new Hessian2Serialization(List.of());
    private static final Duration BOUND = Duration.ofSeconds(5); // well under HolderImpl.HOLD_LIMIT_MS

    private static Weft provider(HolderImpl impl, String... settings) {
        return Nodes.provider(Holder.class, impl, "holder", settings);
    }

    private static Holder stub(Weft consumer, ReferenceOptions.Builder options, Weft... providers) {
        for (Weft p : providers) {
            options.directAddress(Nodes.address(p));
        }
        return consumer.reference(Holder.class, options.build());
    }

    private static ByteBuf request(long id, String method, Object... args) throws IOException {
        return request(id, -1, method, args);
    }

    /** @param timeoutMillis the request's {@code :timeout-ms}; -1 for none */
    private static ByteBuf request(long id, long timeoutMillis, String method, Object... args) throws IOException {
        Map<String, String> md = new LinkedHashMap<>();
        md.put(Wire.SERVICE, Holder.class.getName());
        md.put(Wire.METHOD, method);
        return FrameWriter.request(ByteBufAllocator.DEFAULT, id, false, FrameWriter.encodeEntries(md), md.size(),
                timeoutMillis, Map.of(), HESSIAN, args);
    }

    @Test
    void cancellingAnAsyncCallCompletesItAtOnceAndTheProviderSeesTheCancelWithoutAnInterrupt() {
        HolderImpl impl = new HolderImpl("p", false);
        try (Weft provider = provider(impl); Weft consumer = Nodes.consumer()) {
            Holder holder = stub(consumer, ReferenceOptions.builder(), provider);
            CompletableFuture<String> call = holder.holdAsync("a");
            await().atMost(BOUND).until(() -> impl.holding.contains("a"));

            assertThat(call.cancel(true)).isTrue();
            assertThat(call).isCancelled();
            await().atMost(BOUND).until(() -> impl.outcomes.containsKey("a"));
            assertThat(impl.outcomes).containsEntry("a", "cancelled");
            assertThat(holder.quickAsync("next").join()).isEqualTo("p next"); // the connection serves on
        }
    }

    /** Ids of the responses read up to and including the successful answer to {@code lastId}. */
    private static List<Long> answeredUntil(RawPeer peer, long lastId) throws IOException {
        List<Long> answered = new ArrayList<>();
        RawPeer.RawFrame frame;
        do {
            frame = peer.read();
            if (frame.kind() == FrameKind.RESPONSE) {
                answered.add(frame.id());
            }
        } while (frame.id() != lastId);
        assertThat(frame.status()).isZero();
        return answered;
    }

    /** What a test does to {@link #withTheOneThreadHeld}'s provider through its raw peer. */
    private interface WhileHeld {
        void run(HolderImpl impl, RawPeer peer) throws Exception;
    }

    /**
     * Runs {@code test} against a provider with one business thread, through a raw peer whose call 1
     * ({@code holdAsync("running")}) holds that thread until it is cancelled.
     */
    private static void withTheOneThreadHeld(WhileHeld test) throws Exception {
        HolderImpl impl = new HolderImpl("p", false);
        try (Weft provider = provider(impl, ServerSettings.THREADS, "1");
             RawPeer peer = RawPeer.connect(provider.serverAddress().orElseThrow().getPort())) {
            peer.send(request(1, "holdAsync", "running"));
            await().atMost(BOUND).until(() -> impl.holding.contains("running"));
            test.run(impl, peer);
        }
    }

    @Test
    void providerDropsACancelledQueuedCallAndAnswersNothingForACancelledRunningOne() throws Exception {
        withTheOneThreadHeld((impl, peer) -> {
            peer.send(request(2, "quickAsync", "queued")); // waits for the one business thread
            peer.send(FrameWriter.cancel(ByteBufAllocator.DEFAULT, 2));
            peer.send(FrameWriter.cancel(ByteBufAllocator.DEFAULT, 1));
            await().atMost(BOUND).until(() -> impl.outcomes.containsKey("running"));
            assertThat(impl.outcomes).containsEntry("running", "cancelled");

            // Served after both on the one thread: anything they answered would come first.
            peer.send(request(3, "quickAsync", "after"));
            assertThat(answeredUntil(peer, 3)).containsExactly(3L);
            assertThat(impl.ran).containsExactly("after");
        });
    }

    @Test
    void providerDropsARequestWhoseDeadlinePassedWhileQueuedWithoutRunningOrAnsweringIt() throws Exception {
        withTheOneThreadHeld((impl, peer) -> {
            peer.send(request(2, 1, "quickAsync", "expired")); // 1 ms, queued behind the running call
            peer.send(FrameWriter.ping(ByteBufAllocator.DEFAULT, 99));
            while (peer.read().kind() != FrameKind.PONG) {
                // the PONG follows the request's intake on the event loop: it is queued now
            }
            long queuedBy = System.nanoTime();
            await().atMost(BOUND).until(() -> System.nanoTime() - queuedBy > 5_000_000L); // its deadline passes
            peer.send(FrameWriter.cancel(ByteBufAllocator.DEFAULT, 1)); // frees the one business thread

            // Served after it on the one thread: an answer to the expired request would come first.
            peer.send(request(3, "quickAsync", "after"));
            assertThat(answeredUntil(peer, 3)).containsExactly(3L);
            assertThat(impl.ran).containsExactly("after");
        });
    }

    @Test
    void forkingCancelsTheSlowerCopyOnceTheFirstAnswers() {
        HolderImpl slow = new HolderImpl("slow", true);
        HolderImpl fast = new HolderImpl("fast", false);
        fast.rival = slow;
        try (Weft ps = provider(slow); Weft pf = provider(fast); Weft consumer = Nodes.consumer()) {
            Holder holder = stub(consumer, ReferenceOptions.builder().cluster(ClusterStrategy.FORKING).forks(2), ps, pf);
            // Both connections up, so both copies of the race are sent at once. One warm-up call may not
            // do: its copy to a provider still connecting is cancelled when the other copy answers first.
            await().atMost(BOUND).until(() -> {
                holder.quickAsync("warm-up").join();
                return slow.ran.contains("warm-up") && fast.ran.contains("warm-up");
            });
            assertThat(holder.race("r")).isEqualTo("fast");
            await().atMost(BOUND).until(() -> slow.outcomes.containsKey("r"));
            assertThat(slow.outcomes).containsEntry("r", "cancelled");
        }
    }

    @Test
    void interruptingASyncCallerCancelsTheCallOnTheProvider() throws Exception {
        HolderImpl impl = new HolderImpl("p", false);
        try (Weft provider = provider(impl); Weft consumer = Nodes.consumer()) {
            Holder holder = stub(consumer, ReferenceOptions.builder(), provider);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    holder.hold("sync");
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            caller.start();
            await().atMost(BOUND).until(() -> impl.holding.contains("sync"));
            caller.interrupt();
            caller.join(BOUND.toMillis());
            assertThat(failure.get()).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.status()).isEqualTo(Status.CANCELLED));
            await().atMost(BOUND).until(() -> impl.outcomes.containsKey("sync"));
            assertThat(impl.outcomes).containsEntry("sync", "cancelled");
        }
    }

    @Test
    void callPastItsDeadlineIsCancelledOnTheProvider() {
        HolderImpl impl = new HolderImpl("p", false);
        try (Weft provider = provider(impl); Weft consumer = Nodes.consumer()) {
            Holder holder = stub(consumer, ReferenceOptions.builder().methodTimeout("hold", Duration.ofMillis(300)),
                    provider);
            assertThatThrownBy(() -> holder.hold("late")).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.status()).isEqualTo(Status.DEADLINE_EXCEEDED));
            await().atMost(BOUND).until(() -> impl.outcomes.containsKey("late"));
            assertThat(impl.outcomes).containsEntry("late", "cancelled");
        }
    }
}
