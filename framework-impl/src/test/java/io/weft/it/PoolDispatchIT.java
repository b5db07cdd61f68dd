package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.ReferenceOptions;
import io.weft.Weft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default dispatch ({@code weft.server.dispatch=pool}): methods run on the business threads, so
 * one that blocks holds neither the event loop nor other services; {@link io.weft.NonBlocking}
 * methods run on the event loop. One provider, one consumer, one connection, real sockets.
 */
class PoolDispatchIT {
    static final ThreadProbeImpl probeImpl = new ThreadProbeImpl();
    static final EchoServiceImpl echoImpl = new EchoServiceImpl("pool");
    static Weft provider;
    static Weft consumer;
    static ThreadProbe probe;
    static EchoService echo;

    @BeforeAll
    static void start() {
        provider = Nodes.provider(ThreadProbe.class, probeImpl, "probe-provider");
        provider.export(EchoService.class, echoImpl);
        consumer = Nodes.consumer("weft.client.timeout-ms", "60000");
        String address = Nodes.address(provider);
        probe = consumer.reference(ThreadProbe.class, ReferenceOptions.builder().directAddress(address).build());
        echo = consumer.reference(EchoService.class, ReferenceOptions.builder().directAddress(address).build());
    }

    @AfterAll
    static void stop() {
        probeImpl.release.countDown();
        consumer.close();
        provider.close();
    }

    @Test
    void methodsMarkedNonBlockingRunOnTheEventLoopAndOthersOnTheBusinessThreads() {
        assertThat(probe.interfaceMarked()).startsWith("weft-io");
        assertThat(probe.implementationMarked()).startsWith("weft-io");
        assertThat(probe.unmarked()).startsWith("weft-biz");
        assertThat(echo.echo("hi")).isEqualTo("hi");
    }

    @Test
    void aMethodThatBlocksHoldsNeitherTheEventLoopNorOtherMethodsNorOtherServices() throws Exception {
        int holders = 16;
        ExecutorService callers = Executors.newFixedThreadPool(holders);
        try {
            List<CompletableFuture<String>> held = new ArrayList<>();
            for (int i = 0; i < holders; i++) {
                held.add(CompletableFuture.supplyAsync(probe::hold, callers));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> probeImpl.holding.get() == holders);
            // same connection, same event loop: every other call is served while 16 threads block
            for (int i = 0; i < 50; i++) {
                assertThat(CompletableFuture.supplyAsync(() -> echo.echo("x")).get(5, TimeUnit.SECONDS))
                        .isEqualTo("x");
                assertThat(CompletableFuture.supplyAsync(probe::unmarked).get(5, TimeUnit.SECONDS))
                        .startsWith("weft-biz");
                assertThat(CompletableFuture.supplyAsync(probe::interfaceMarked).get(5, TimeUnit.SECONDS))
                        .startsWith("weft-io");
            }
            assertThat(probeImpl.holding.get()).as("still blocked while the others were served").isEqualTo(holders);
            assertThat(held).noneMatch(CompletableFuture::isDone);
            probeImpl.release.countDown();
            for (CompletableFuture<String> f : held) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo("released");
            }
        } finally {
            probeImpl.release.countDown();
            callers.shutdownNow();
        }
    }
}
