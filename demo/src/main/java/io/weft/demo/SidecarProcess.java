package io.weft.demo;

import io.weft.registry.support.LogLevels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real sidecar process ({@code io.weft.sidecar.SidecarMain}, as {@code ./sidecar.sh} runs it, from the
 * demo's own class path) in front of one {@link PythonService}: it registers the Python service with its
 * tags, forwards mesh calls to it, and carries its outbound calls. Closing sends SIGTERM: graceful
 * shutdown (unregister, GOAWAY, drain).
 */
record SidecarProcess(ChildProcess process, int outboundPort) implements AutoCloseable {
    private static final String MAIN = "io.weft.sidecar.SidecarMain";

    /**
     * Starts a sidecar for {@code app} providing {@code service} with {@code methods}; returns once it
     * printed its outbound port (registration follows when the application's health check passes).
     */
    static SidecarProcess start(String label, String registry, String app, String service, List<String> methods,
                                String appUrl, Map<String, String> tags, PrintWriter out)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-Dweft.server.host=127.0.0.1",
                // the demo's quiet logback configuration, also where a shaded jar brings slf4j-simple along
                "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
                "-cp", System.getProperty("java.class.path"), MAIN,
                "--app", app, "--registry", registry, "--service", service + "=" + String.join(",", methods),
                "--app-url", appUrl, "--port", "0", "--outbound-port", "0"));
        tags.forEach((k, v) -> command.addAll(List.of("--tag", k + "=" + v)));
        if (LogLevels.verbose()) {
            command.add(LogLevels.VERBOSE);
        }
        ChildProcess process = ChildProcess.start(label, command, out, line -> !line.startsWith("SLF4J("));
        try {
            String started = process.awaitLine("sidecar: app ", Duration.ofSeconds(60));
            int port = Integer.parseInt(started.replaceAll(".*outbound port (\\d+).*", "$1"));
            return new SidecarProcess(process, port);
        } catch (RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    /** Waits until the sidecar registered the application's services. */
    void awaitRegistered() throws InterruptedException {
        process.awaitLine("sidecar: registered ", Duration.ofSeconds(30));
    }

    /** SIGTERM and wait; returns how long the graceful shutdown took in milliseconds. */
    long stop() {
        return process.stop();
    }

    @Override
    public void close() {
        process.close();
    }
}
