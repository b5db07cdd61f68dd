package io.weft.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the mesh demo started (a Python service or a sidecar): its output lines (stdout and
 * stderr merged) are queued for {@link #awaitLine} and echoed to the demo's output behind a prefix;
 * {@link #close()} sends SIGTERM, waits, then kills. A shutdown hook ends it if the demo is
 * interrupted (Ctrl-C) before it closes it.
 */
final class ChildProcess implements AutoCloseable {
    private static final Duration STOP_WITHIN = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread hook;
    private final Thread reader;

    private ChildProcess(String name, Process process, PrintWriter echo, Predicate<String> echoed) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.hook = new Thread(() -> process.toHandle().destroy(), "stop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    if (echoed.test(line)) {
                        echo.println(String.format("  %-10s| %s", name, line));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command}; lines matching {@code echoed} are printed to {@code echo}. */
    static ChildProcess start(String name, List<String> command, PrintWriter echo, Predicate<String> echoed)
            throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildProcess(name, process, echo, echoed);
    }

    String name() {
        return name;
    }

    /**
     * Waits for the next output line starting with {@code prefix} and returns it, skipping others.
     *
     * @throws IllegalStateException when the process ends or {@code within} passes first
     */
    String awaitLine(String prefix, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before printing '" + prefix + "…'");
            }
        }
        throw new IllegalStateException(name + " did not print '" + prefix + "…' within " + within.toSeconds() + " s");
    }

    /** Writes one line to the process's standard input. */
    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** SIGTERM, then up to 15 s for it to exit, then SIGKILL. Returns how long it took in milliseconds. */
    long stop() {
        long start = System.nanoTime();
        process.toHandle().destroy(); // SIGTERM; Process.destroy would also close our end of its output
        long tookMs = -1;
        try {
            if (!process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            }
            tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            reader.join(TimeUnit.SECONDS.toMillis(2)); // its last lines echoed before we go on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return tookMs;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
