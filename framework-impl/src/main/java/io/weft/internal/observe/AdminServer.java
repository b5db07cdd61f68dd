package io.weft.internal.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.weft.WeftConfigException;
import io.weft.spi.MetricsProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoint of DESIGN §10 ({@code weft.admin.port}), on the JDK's HTTP server (no dependency):
 * {@code GET /health} 200 while the process serves; {@code GET /ready} 200 when every export is
 * registered and the registry session is up, else 503 with the reason; {@code GET /metrics} the
 * Prometheus text format from a {@link MetricsProvider}, or 501 saying how to get one. One daemon
 * thread serves it, away from the RPC event loops.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String NO_METRICS = "no metrics: add io.weft:weft-micrometer to the class path"
            + " (it records into a Prometheus registry that this endpoint serves), and leave weft.metrics true\n";

    private final HttpServer server;
    private final ExecutorService executor;

    private AdminServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** The Prometheus text of the first provider that keeps a Prometheus registry; null when none does. */
    static Supplier<String> scrapeOf(List<MetricsProvider> providers) {
        return () -> {
            for (MetricsProvider p : providers) {
                String text = p.scrape();
                if (text != null) {
                    return text;
                }
            }
            return null;
        };
    }

    /**
     * Listens on {@code address} (port 0: any free one; the chosen one is logged).
     *
     * @param scrape the Prometheus text, or null when there are no metrics
     * @param notReady why the instance is not ready, or null when it is
     * @throws WeftConfigException when the address cannot be bound
     */
    public static AdminServer start(InetSocketAddress address, Supplier<String> scrape, Supplier<String> notReady) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new WeftConfigException("cannot start the admin endpoint (weft.admin.port) on " + address + ": " + e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "weft-admin");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, scrape, notReady));
        server.start();
        AdminServer admin = new AdminServer(server, executor);
        log.info("admin endpoint on http://{}:{} (/health, /ready, /metrics)",
                address.getAddress() == null || address.getAddress().isAnyLocalAddress() ? "0.0.0.0"
                        : address.getAddress().getHostAddress(), admin.address().getPort());
        return admin;
    }

    /** Where it listens (the chosen port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, Supplier<String> scrape, Supplier<String> notReady)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed: GET " + path + "\n");
                return;
            }
            switch (path) {
                case "/health" -> respond(exchange, 200, "text/plain; charset=utf-8", "ok\n");
                case "/ready" -> {
                    String reason = notReady.get();
                    respond(exchange, reason == null ? 200 : 503, "text/plain; charset=utf-8",
                            reason == null ? "ready\n" : reason + "\n");
                }
                case "/metrics" -> {
                    String text = scrape.get();
                    respond(exchange, text == null ? 501 : 200,
                            text == null ? "text/plain; charset=utf-8" : PROMETHEUS_TEXT, text == null ? NO_METRICS : text);
                }
                default -> respond(exchange, 404, "text/plain; charset=utf-8",
                        "not found: " + path + " (GET /health, /ready, /metrics)\n");
            }
        } catch (RuntimeException e) {
            log.warn("admin endpoint: {} failed: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
