package io.weft.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the mesh demo's Python service: {@code python3 fortune.py LABEL} (the script ships in
 * the demo's resources), listening on a free loopback port. It ends when closed, or by itself when the
 * demo's JVM goes away (its standard input closes).
 */
record PythonService(ChildProcess process, int port) implements AutoCloseable {
    private static final Duration START_WITHIN = Duration.ofSeconds(15);

    /** True when {@code python} (e.g. {@code python3}) runs. */
    static boolean available(String python) {
        try {
            Process p = new ProcessBuilder(python, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts an instance labelled {@code label} with the interpreter {@code python} and waits until it listens. */
    static PythonService start(String python, String label, PrintWriter out) throws IOException, InterruptedException {
        Path script = Files.createTempFile("weft-fortune-", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = PythonService.class.getResourceAsStream("/mesh/fortune.py")) {
            if (in == null) {
                throw new IllegalStateException("mesh/fortune.py is missing from the demo's class path");
            }
            Files.write(script, in.readAllBytes());
        }
        ChildProcess process = ChildProcess.start(label, List.of(python, "-u", script.toString(), label), out,
                line -> !line.startsWith("port "));
        try {
            String first = process.awaitLine("port ", START_WITHIN);
            return new PythonService(process, Integer.parseInt(first.substring(5).trim()));
        } catch (RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Tells the service its sidecar's outbound port, through which it calls the mesh. */
    void useOutboundPort(int outboundPort) throws IOException {
        process.send("outbound " + outboundPort);
    }

    @Override
    public void close() {
        process.close();
    }
}
