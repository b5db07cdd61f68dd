package io.weft.test.etcd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How etcd members are run: the {@code etcd} binary (Debian's {@code etcd-server}) when it is on the
 * {@code PATH} or at {@code /usr/bin/etcd}, otherwise a container when {@code docker info} works.
 * Every process started is killed on JVM exit, so none outlives the test run.
 */
enum EtcdRuntime {
    BINARY,
    DOCKER;

    /** Image used when there is no binary but Docker. */
    static final String DOCKER_IMAGE = "quay.io/coreos/etcd:v3.5.17";
    static final String MISSING = "etcd binary not found: install Debian's etcd-server "
            + "(apt-get install -y etcd-server) or run Docker";

    private static final Map<Process, String> LIVE = new ConcurrentHashMap<>();
    private static volatile String binary;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach((process, container) -> {
            if (!container.isEmpty()) {
                run(List.of("docker", "kill", container), Duration.ofSeconds(5));
            }
            process.destroyForcibly();
        }), "weft-etcd-reaper"));
    }

    /** The runtime available here. @throws IllegalStateException saying how to get etcd when there is none */
    static EtcdRuntime detect() {
        String found = findBinary();
        if (found != null) {
            binary = found;
            return BINARY;
        }
        if (run(List.of("docker", "info"), Duration.ofSeconds(20))) {
            return DOCKER;
        }
        throw new IllegalStateException(MISSING);
    }

    String binary() {
        return binary;
    }

    private static String findBinary() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "etcd");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        Path debian = Path.of("/usr/bin/etcd");
        return Files.isExecutable(debian) ? debian.toString() : null;
    }

    static void track(Process process, String container) {
        LIVE.put(process, container == null ? "" : container);
    }

    static void untrack(Process process) {
        LIVE.remove(process);
    }

    /** Runs a short command, discarding its output; {@code true} when it exits 0 in time. */
    static boolean run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
