package io.weft.bench.sidecar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A process the benchmark started: its output is copied to a log file in the work directory, and
 * {@link #awaitLine} waits (bounded) for the line that says it is ready. Stopped with SIGTERM, then
 * SIGKILL after 5 s.
 */
final class Child implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    Child(String name, List<String> command, Map<String, String> env, Path workDir) {
        this.name = name;
        this.log = workDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(env);
        try {
            this.process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command + ")", e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The first output line matching {@code ready}; fails naming the log if the process exits or {@code within} passes. */
    String awaitLine(Predicate<String> ready, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    java.nio.file.Files.newInputStream(log), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (ready.test(line)) {
                        return line;
                    }
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            Thread.sleep(50); // polling a log file for a start-up line, bounded by `within`
        }
        throw new TimeoutException(name + " not ready within " + within + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
