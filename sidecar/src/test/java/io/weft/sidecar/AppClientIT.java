package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AppClient} against real loopback servers: keep-alive reuse, headers, timeouts, refused connections,
 * calls that stay on the event loop they are made on.
 */
class AppClientIT {
    private HttpServer server;
    private final Map<String, Boolean> peers = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI echoServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            peers.put(exchange.getRemoteAddress().toString(), true);
            byte[] body = exchange.getRequestBody().readAllBytes();
            String reply = exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("weft-meta-k")
                    + " " + new String(body, StandardCharsets.UTF_8);
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void sequentialCallsReuseOneKeepAliveConnectionAndCarryPathHeadersAndBody() throws Exception {
        try (AppClient client = new AppClient(echoServer(), 1 << 20)) {
            for (int i = 0; i < 50; i++) {
                AppClient.Response r = client.post("/svc/m", "[" + i + "]", Map.of("weft-meta-k", "v"), 5000)
                        .get(10, TimeUnit.SECONDS);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("/svc/m v [" + i + "]");
            }
            assertThat(peers).hasSize(1);
            assertThat(client.post("/svc/missing", "[]", Map.of(), 5000).get(10, TimeUnit.SECONDS).status())
                    .isEqualTo(404);
        }
    }

    @Test
    void anApplicationThatDoesNotAnswerInTimeFailsWithATimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             AppClient client = new AppClient(URI.create("http://127.0.0.1:" + silent.getLocalPort()), 1 << 20)) {
            var reply = client.post("/svc/m", "[]", Map.of(), 200);
            try (Socket accepted = silent.accept()) {
                assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(HttpTimeoutException.class);
            }
        }
    }

    @Test
    void aConnectionClosedBeforeTheAnswerFailsTheCallAndTheNextCallConnectsAgain() throws Exception {
        try (ServerSocket closing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             AppClient client = new AppClient(URI.create("http://127.0.0.1:" + closing.getLocalPort()), 1 << 20)) {
            var reply = client.post("/svc/m", "[]", Map.of(), 5000);
            try (Socket accepted = closing.accept(); InputStream in = accepted.getInputStream()) {
                in.read(); // the request arrived
            }
            assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class);
            var second = client.post("/svc/m", "[]", Map.of(), 5000);
            try (Socket accepted = closing.accept(); OutputStream out = accepted.getOutputStream()) {
                accepted.getInputStream().read();
                out.write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(second.get(10, TimeUnit.SECONDS).body()).isEqualTo("ok");
            }
        }
    }

    @Test
    void aRefusedConnectionFailsWithConnectException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (AppClient client = new AppClient(URI.create("http://127.0.0.1:" + port), 1 << 20)) {
            assertThatThrownBy(() -> client.post("/svc/m", "[]", Map.of(), 5000).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aCallMadeOnOneOfItsEventLoopsIsSentAndAnsweredOnThatLoop() throws Exception {
        URI uri = echoServer();
        try (SidecarLoops own = SidecarLoops.own("test-shared", 2)) {
            // as the sidecar shares its Weft's loops: not owned by the client
            SidecarLoops shared = new SidecarLoops(own.group(), own.serverChannelType(), own.channelType(), false);
            AppClient client = new AppClient(uri, 1 << 20, shared);
            for (EventExecutor loop : own.group()) {
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    CompletableFuture<Boolean> answeredOnLoop = loop.submit(() -> client
                            .post("/svc/m", "[" + n + "]", Map.of(), 5000)
                            .thenApply(r -> r.body().equals("/svc/m null [" + n + "]") && loop.inEventLoop()))
                            .get(10, TimeUnit.SECONDS);
                    assertThat(answeredOnLoop.get(10, TimeUnit.SECONDS)).isTrue();
                }
            }
            assertThat(peers).hasSize(2); // one keep-alive connection per loop, reused
            client.close();
            assertThat(own.group().isShuttingDown()).isFalse(); // the loops belong to the Weft instance
            var after = own.group().next().submit(() -> "still running").get(10, TimeUnit.SECONDS);
            assertThat(after).isEqualTo("still running");
        }
    }
}
