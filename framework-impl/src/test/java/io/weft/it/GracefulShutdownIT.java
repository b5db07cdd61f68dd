package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GracefulShutdownIT {

    @Test
    void closingAProviderUnderLoadFinishesItsCallsAndFailsNone() throws Exception {
        EchoServiceImpl impl1 = new EchoServiceImpl("p1");
        EchoServiceImpl impl2 = new EchoServiceImpl("p2");
        Weft p1 = Nodes.provider(impl1);
        try (Weft p2 = Nodes.provider(impl2); Weft consumer = Nodes.consumer()) {
            EchoService echo = Nodes.stub(consumer, p1, p2);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            ConcurrentHashMap<String, Integer> answeredBy = new ConcurrentHashMap<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<CompletableFuture<Void>> callers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                callers.add(CompletableFuture.runAsync(() -> {
                    while (running.get()) {
                        try {
                            answeredBy.merge(echo.sleep(5), 1, Integer::sum);
                            ok.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> answeredBy.getOrDefault("p1", 0) > 20
                    && answeredBy.getOrDefault("p2", 0) > 20);
            p1.close(); // graceful: GOAWAY, drain, close while calls keep coming
            int p2Before = answeredBy.getOrDefault("p2", 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> answeredBy.getOrDefault("p2", 0) > p2Before + 50);
            running.set(false);
            CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(failures).as("calls failed during the provider's shutdown").isEmpty();
            assertThat(ok.get()).isGreaterThan(100);
        }
    }

    @Test
    void shutdownWaitsForACallInFlight() throws Exception {
        EchoServiceImpl impl = new EchoServiceImpl("p");
        Weft provider = Nodes.provider(impl);
        try (Weft consumer = Nodes.consumer()) {
            EchoService echo = Nodes.stub(consumer, provider);
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(echo::block);
            assertThat(impl.blocked.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(provider::close);
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(impl.release::countDown);
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("released");
            closing.get(10, TimeUnit.SECONDS);
        }
    }
}
