package io.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quiet by default (issue #19): each packaged runnable jar, run as its own process the way its
 * launcher runs it, prints no SLF4J warning (one provider per jar) and no INFO line from a library;
 * {@code --verbose} brings the libraries' lines back. The jars are the modules' {@code package}
 * output, so this runs in failsafe's phase, after the demo's own jar is built.
 */
class QuietJarsIT {
    /**
     * An INFO line of slf4j-simple ({@code [main] INFO x.Y - ...}), logback ({@code INFO x.Y}, and its own
     * status lines {@code |-INFO in ...} when its configuration fails) or java.util.logging ({@code INFO: ...}).
     */
    private static final Pattern INFO = Pattern.compile("\\bINFO\\b");

    private static EmbeddedZooKeeper zooKeeper;
    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void startZooKeeper() throws IOException {
        zooKeeper = EmbeddedZooKeeper.start();
    }

    @AfterAll
    static void stopZooKeeper() {
        zooKeeper.close();
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void demoJarPrintsItsStoryWithoutSlf4jWarningsOrLibraryInfoLines() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Process demo = start(lines, "target/weft-demo.jar", "--duration", "2s");
        assertThat(demo.waitFor(120, TimeUnit.SECONDS)).as("demo ended; output:%n%s", String.join("\n", lines)).isTrue();
        awaitEndOfOutput(lines, demo);
        assertThat(demo.exitValue()).as("exit code; output:%n%s", String.join("\n", lines)).isZero();
        assertThat(lines).anyMatch(l -> l.contains("Hello, "));
        assertQuiet(lines);
    }

    @Test
    void consoleJarStartsOnZooKeeperWithoutSlf4jWarningsOrLibraryInfoLines() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        start(lines, "../governance-console/target/weft-console.jar",
                "--registry", zooKeeper.registryAddress(), "--port", "0");
        awaitLine(lines, "login      password ");
        assertQuiet(lines);
    }

    @Test
    void sidecarJarStartsOnZooKeeperWithoutSlf4jWarningsOrLibraryInfoLines() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        start(lines, "../sidecar/target/weft-sidecar.jar", "--app", "quiet", "--registry", zooKeeper.registryAddress(),
                "--port", "0", "--outbound-port", "0");
        awaitLine(lines, "sidecar: app quiet");
        assertQuiet(lines);
    }

    @Test
    void cliJarListsServicesWithoutSlf4jWarningsOrLibraryInfoLines() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Process cli = start(lines, "../cli/target/weft.jar", "ls", "--registry", zooKeeper.registryAddress());
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        awaitEndOfOutput(lines, cli);
        assertThat(cli.exitValue()).as("exit code; output:%n%s", String.join("\n", lines)).isZero();
        assertQuiet(lines);
    }

    @Test
    void verboseFlagBringsBackTheLibrariesInfoLines() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Process cli = start(lines, "../cli/target/weft.jar", "ls", "--verbose", "--registry", zooKeeper.registryAddress());
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        awaitEndOfOutput(lines, cli);
        assertThat(cli.exitValue()).as("exit code; output:%n%s", String.join("\n", lines)).isZero();
        assertThat(lines).as("output").anyMatch(l -> INFO.matcher(l).find() && l.contains("org.apache.zookeeper"));
    }

    private static void assertQuiet(List<String> lines) {
        assertThat(lines).as("SLF4J warnings and libraries' INFO lines in:%n%s", String.join("\n", lines))
                .noneMatch(l -> l.contains("SLF4J"))
                .noneMatch(l -> INFO.matcher(l).find() && !l.contains("io.weft"));
    }

    private Process start(List<String> lines, String jar, String... args) throws IOException {
        assertThat(Path.of(jar)).as("the packaged jar (built in package)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading the output failed: " + e + ")");
            }
            lines.add(END);
        }, "output-" + Path.of(jar).getFileName());
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static final String END = "\u0000end";

    private static void awaitEndOfOutput(List<String> lines, Process process) {
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(END));
        lines.remove(END);
    }

    private static void awaitLine(List<String> lines, String prefix) {
        await().atMost(Duration.ofSeconds(60))
                .failFast("the process ended before printing " + prefix, () -> lines.contains(END))
                .until(() -> lines.stream().anyMatch(l -> l.startsWith(prefix)));
    }
}
