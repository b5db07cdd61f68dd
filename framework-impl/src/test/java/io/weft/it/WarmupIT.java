package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.ReferenceOptions;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.internal.server.ServerSettings;
import io.weft.internal.server.WeftServer;
import io.weft.internal.testing.CountingSerialization;
import io.weft.internal.transport.Transport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The call path is warmed when a service is exported and when a stub is made (docs/architecture.md,
 * "Warm-up at export"): nothing of it is visible to the application, and a warm-up that fails changes nothing.
 */
class WarmupIT {

    /** An EchoService that counts every call of any of its methods. */
    private static EchoService counting(AtomicInteger calls) {
        EchoService target = new EchoServiceImpl("p");
        return (EchoService) Proxy.newProxyInstance(EchoService.class.getClassLoader(), new Class<?>[] {EchoService.class},
                (proxy, method, args) -> {
                    calls.incrementAndGet();
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void exportAndReferenceCallNoServiceMethodInterceptorFilterOrListener() {
        AtomicInteger served = new AtomicInteger();
        AtomicInteger intercepted = new AtomicInteger();
        AtomicInteger filtered = new AtomicInteger();
        CallListenerIT.Recording serverReports = new CallListenerIT.Recording();
        CallListenerIT.Recording clientReports = new CallListenerIT.Recording();
        try (Weft provider = Weft.builder(WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, "0",
                     WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.APPLICATION, "echo-provider")))
                     .serverInterceptor((call, next) -> {
                         intercepted.incrementAndGet();
                         return next.handle(call);
                     })
                     .callListener(serverReports).build();
             Weft consumer = Weft.builder(WeftConfig.of(Map.of(WeftConfig.APPLICATION, "echo-consumer")))
                     .clientFilter((call, next) -> {
                         filtered.incrementAndGet();
                         return next.invoke(call);
                     })
                     .callListener(clientReports).build()) {
            provider.export(EchoService.class, counting(served));
            EchoService echo = consumer.reference(EchoService.class,
                    ReferenceOptions.builder().directAddress(Nodes.address(provider)).build());

            assertThat(List.of(served.get(), intercepted.get(), filtered.get(), serverReports.started.get(),
                    serverReports.finished.size(), clientReports.started.get(), clientReports.finished.size()))
                    .as("service calls, interceptor runs, filter runs, server and client reports after export")
                    .containsOnly(0);

            assertThat(echo.echo("a")).isEqualTo("a");
            await().atMost(Duration.ofSeconds(10)).until(() -> serverReports.finished.size() == 1);
            assertThat(List.of(served.get(), intercepted.get(), filtered.get(), clientReports.finished.size()))
                    .containsOnly(1);
        }
    }

    @Test
    void aWarmUpThatFailsLeavesTheExportServing() throws Exception {
        CountingSerialization failingWhileExporting = new CountingSerialization();
        failingWhileExporting.failWrites.set(true);
        Transport transport = new Transport(1);
        WeftServer server = new WeftServer(transport, ServerSettings.from(WeftConfig.empty()), failingWhileExporting,
                List.of());
        try {
            assertThat(server.export(EchoService.class, new EchoServiceImpl("p"))).contains("echo");
            assertThat(failingWhileExporting.writes).as("the warm-up ran (and failed) during export").hasPositiveValue();
            failingWhileExporting.failWrites.set(false);
            int port = server.start("127.0.0.1", 0).getPort();
            try (RawPeer peer = RawPeer.connect(port)) {
                peer.send(RawPeer.echoRequest(1, false));
                RawPeer.RawFrame answer = peer.read();
                assertThat(answer.id()).isEqualTo(1);
                assertThat(Status.fromCode(answer.status())).isEqualTo(Status.OK);
            }
        } finally {
            server.shutdown(Duration.ofSeconds(1));
            transport.close();
        }
    }
}
