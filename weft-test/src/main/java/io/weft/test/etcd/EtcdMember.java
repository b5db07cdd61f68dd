package io.weft.test.etcd;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One etcd member process: its name, loopback ports and data directory stay the same across
 * {@link #stop}/{@link #start}, so a restart keeps its data and its place in the cluster.
 *
 * <p>Not thread-safe; driven by the test thread.
 */
public final class EtcdMember {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final EtcdCluster cluster;
    private final String name;
    private final int clientPort;
    private final int peerPort;
    private final int metricsPort;
    private final Path dataDir;
    private final Path log;
    private Process process;
    private String container;
    private boolean everStarted;

    EtcdMember(EtcdCluster cluster, String name, int clientPort, int peerPort, int metricsPort, Path dataDir) {
        this.cluster = cluster;
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.metricsPort = metricsPort;
        this.dataDir = dataDir;
        this.log = dataDir.resolveSibling(name + ".log");
    }

    public String name() {
        return name;
    }

    /** {@code 127.0.0.1:port} of the client URL. */
    public String endpoint() {
        return "127.0.0.1:" + clientPort;
    }

    String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the process (with the data written so far) and does not wait for it to be healthy. */
    void launch() throws IOException {
        if (isRunning()) {
            return;
        }
        EtcdServerTls tls = cluster.tls();
        String clientUrl = (tls == null ? "http" : "https") + "://127.0.0.1:" + clientPort;
        List<String> args = new ArrayList<>(List.of(
                "--name", name,
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", clientUrl,
                "--advertise-client-urls", clientUrl,
                // /health in plaintext whatever the client URL speaks, for awaitHealthy
                "--listen-metrics-urls", "http://127.0.0.1:" + metricsPort,
                "--listen-peer-urls", peerUrl(),
                "--initial-advertise-peer-urls", peerUrl(),
                "--initial-cluster", cluster.initialCluster(),
                "--initial-cluster-token", cluster.token(),
                "--initial-cluster-state", everStarted ? "existing" : "new",
                "--logger", "zap"));
        if (tls != null) {
            args.addAll(List.of("--cert-file", tls.cert().toString(), "--key-file", tls.key().toString()));
            if (tls.clientCa() != null) {
                args.addAll(List.of("--client-cert-auth", "--trusted-ca-file", tls.clientCa().toString()));
            }
        }
        container = null;
        List<String> command = new ArrayList<>();
        if (cluster.runtime() == EtcdRuntime.DOCKER) {
            container = "weft-etcd-" + cluster.token() + "-" + name;
            command.addAll(List.of("docker", "run", "--rm", "--name", container, "--network", "host",
                    "-v", dataDir.getParent() + ":" + dataDir.getParent(), EtcdRuntime.DOCKER_IMAGE, "etcd"));
        } else {
            command.add(cluster.runtime().binary());
        }
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        everStarted = true;
        EtcdRuntime.track(process, container);
    }

    /** Starts the member and waits until it reports healthy (it needs a quorum for that). */
    public void start() throws IOException {
        launch();
        awaitHealthy(EtcdCluster.START_TIMEOUT);
    }

    /** Stops the member gracefully (SIGTERM) and waits for it to exit; its data stays. */
    public void stop() {
        end(false);
    }

    /** Kills the member at once (SIGKILL), as a crash or a pulled plug would; its data stays. */
    public void kill() {
        end(true);
    }

    /** {@link #stop} then {@link #start}. */
    public void restart() throws IOException {
        stop();
        start();
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (container != null) {
            EtcdRuntime.run(List.of("docker", forcibly ? "kill" : "stop", container), Duration.ofSeconds(20));
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        EtcdRuntime.untrack(process);
        process = null;
    }

    /** Waits until {@code /health} answers {@code "health":"true"}; fails naming the member and its log. */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!isRunning()) {
                throw new IllegalStateException("etcd member " + name + " exited with " + process.exitValue()
                        + "; log " + log + ":\n" + tail());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/health")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().replace(" ", "").contains("\"health\":\"true\"")) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd member " + name, e);
            }
            // A short pause between health probes of a process that is starting; bounded by the deadline.
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd member " + name, e);
            }
        }
        throw new IllegalStateException("etcd member " + name + " at " + endpoint() + " not healthy within "
                + timeout.toSeconds() + " s (last: " + last + "); log " + log + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "etcd " + name + " at " + endpoint();
    }
}
