package io.weft.bench.sidecar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of {@link ProxyHopBenchmark}: where the load client connects, and the proxy processes on
 * the way to the echo application (none for the direct row). Starts and stops them.
 */
final class Proxies implements AutoCloseable {
    /** A proxy process the row measures (CPU, memory). */
    record Hop(String name, long pid) {}

    final String name;
    final InetSocketAddress entry;
    final List<Hop> hops;
    private final List<Child> children;

    private Proxies(String name, InetSocketAddress entry, List<Hop> hops, List<Child> children) {
        this.name = name;
        this.entry = entry;
        this.hops = hops;
        this.children = children;
    }

    static Proxies direct(int appPort) {
        return new Proxies("direct", loopback(appPort), List.of(), List.of());
    }

    /**
     * Two nginx processes (B in front of the app, A in front of B), each a master with
     * {@code workers} workers, keep-alive to its upstream, no access log; config, pid and logs in
     * {@code dir}.
     */
    static Proxies nginxPair(String nginx, String workers, int appPort, Path dir) throws Exception {
        int portB = freePort();
        int portA = freePort();
        List<Child> started = new ArrayList<>();
        try {
            Child b = startNginx(nginx, "nginx-b", workers, portB, appPort, dir);
            started.add(b);
            Child a = startNginx(nginx, "nginx-a", workers, portA, portB, dir);
            started.add(a);
            return new Proxies("nginx pair", loopback(portA),
                    List.of(new Hop("nginx A", a.pid()), new Hop("nginx B", b.pid())), started);
        } catch (Exception e) {
            started.forEach(Child::close);
            throw e;
        }
    }

    private static Child startNginx(String nginx, String name, String workers, int listen, int upstream, Path dir)
            throws Exception {
        Path prefix = Files.createDirectories(dir.resolve(name));
        String conf = """
                worker_processes %s;
                daemon off;
                master_process on;
                pid %s/nginx.pid;
                error_log %s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %s/body;
                    proxy_temp_path %s/proxy;
                    fastcgi_temp_path %s/fastcgi;
                    uwsgi_temp_path %s/uwsgi;
                    scgi_temp_path %s/scgi;
                    keepalive_requests 1000000;
                    keepalive_timeout 300s;
                    upstream next {
                        server 127.0.0.1:%d;
                        keepalive 64;
                        keepalive_requests 1000000;
                        keepalive_timeout 300s;
                    }
                    server {
                        listen 127.0.0.1:%d;
                        location / {
                            proxy_pass http://next;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_buffering on;
                        }
                    }
                }
                """.formatted(workers, prefix, prefix, prefix, prefix, prefix, prefix, prefix, upstream, listen);
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        Child child = new Child(name, List.of(nginx, "-p", prefix + "/", "-e", prefix + "/error.log", "-c",
                file.toString()), Map.of(), dir);
        awaitListening(child, listen, Duration.ofSeconds(10));
        return child;
    }

    /**
     * Two sidecar processes started by {@code sidecarScript} with its default JVM options (plus
     * {@code javaOpts}): B serves {@code service} for the echo app, A only carries outbound calls;
     * the client posts to A's outbound port. A pair other than "sidecar pair" (a second build compared in
     * the same run) gets a registry namespace of its own, so the pairs do not discover each other.
     */
    static Proxies sidecarPair(String name, Path sidecarScript, String registry, String service, int appPort,
                               String javaOpts, Path dir) throws Exception {
        List<Child> started = new ArrayList<>();
        String opts = name.equals("sidecar pair") ? javaOpts
                : (javaOpts + " -Dweft.registry.namespace=" + name.replaceAll("[^a-z0-9]+", "-")).trim();
        Map<String, String> env = opts.isBlank() ? Map.of() : Map.of("JAVA_OPTS", opts);
        try {
            Child b = new Child(name.replaceAll("[^a-z0-9]+", "-") + "-b", List.of(sidecarScript.toString(), "--app", "bench-echo", "--registry",
                    registry, "--service", service, "--app-url", "http://127.0.0.1:" + appPort, "--port", "0",
                    "--outbound-port", "0"), env, dir);
            started.add(b);
            b.awaitLine(l -> l.startsWith("sidecar: registered"), Duration.ofSeconds(180));
            Child a = new Child(name.replaceAll("[^a-z0-9]+", "-") + "-a", List.of(sidecarScript.toString(), "--app", "bench-client", "--registry",
                    registry, "--port", "0", "--outbound-port", "0"), env, dir);
            started.add(a);
            String line = a.awaitLine(l -> l.startsWith("sidecar: app "), Duration.ofSeconds(180));
            int out = Integer.parseInt(line.replaceAll(".*outbound port (\\d+).*", "$1"));
            return new Proxies(name, loopback(out),
                    List.of(new Hop("sidecar A", a.pid()), new Hop("sidecar B", b.pid())), started);
        } catch (Exception e) {
            started.forEach(Child::close);
            throw e;
        }
    }

    static void awaitListening(Child child, int port, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nothing listens on " + port + " after " + within, e);
                }
                if (!child.alive()) {
                    throw new IllegalStateException("it exited before listening on " + port, e);
                }
                Thread.sleep(50); // polling for a port to open, bounded by `within`
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public void close() {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).close();
        }
    }
}
