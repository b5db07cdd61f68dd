package io.weft.bench.mesh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A JVM a mesh driver started with this JVM's class path: its standard output goes line by line to
 * {@code onLine} (on a reader thread), its standard error to {@code DIR/NAME.log}; {@link #send}
 * writes a line to its standard input; {@link #close} closes the input (the child exits) and kills
 * it if it is still there after 10 s.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Writer stdin;

    ChildJvm(String name, Path dir, List<String> jvmOptions, String mainClass, List<String> args,
             Consumer<String> onLine) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(command).redirectError(dir.resolve(name + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** CPU time the child used so far (user + system), in milliseconds, from {@code /proc}. */
    long cpuMillis() {
        return procCpuMillis(process.pid());
    }

    /** CPU time of process {@code pid} so far (user + system), in milliseconds; -1 without {@code /proc}. */
    static long procCpuMillis(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / 100; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // gone already
        }
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
