package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.test.WeftExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sidecar as a real separate process ({@code java -cp … SidecarMain}, as {@code ./sidecar.sh} runs it)
 * beside a real Python application, next to a second (in-process) sidecar instance: SIGTERM of the
 * process under load loses no call, and the process exits on its own after unregistering.
 */
class SidecarProcessIT {
    static final String PY = PyGreeter.class.getName();

    @RegisterExtension
    static final WeftExtension zooKeeper = WeftExtension.zooKeeper();

    @Test
    void sigtermUnderLoadLosesNoCallAndTheProcessExits() throws Exception {
        PythonApp.assumePython();
        try (PythonApp py1 = PythonApp.start("py1");
             PythonApp py2 = PythonApp.start("py2")) {
            String registry = zooKeeper.registryAddress();
            List<String> args = List.of("--app", "py-greeter", "--registry", registry, "--service", PY + "=slow,who",
                    "--port", "0", "--outbound-port", "0");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString(), "-Xmx64m", "-Dweft.server.host=127.0.0.1", "-cp",
                    System.getProperty("java.class.path"), SidecarMain.class.getName()));
            command.addAll(args);
            command.addAll(List.of("--app-url", py1.url()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> output = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        output.add(line);
                    }
                } catch (java.io.IOException e) {
                    // process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            try (Sidecar inProcess = Sidecar.start(SidecarSettings.parse(args, WeftConfig.empty())
                            .withAppUrl(py2.url()), WeftConfig.of(Map.of(WeftConfig.SERVER_HOST, "127.0.0.1")))) {
                Registry admin = zooKeeper.registry();
                await().atMost(Duration.ofSeconds(30)).until(() -> admin.list(PY, InstanceRole.PROVIDER).size() == 2);
                // printed just after the registration is written: the registry can show it first
                await().atMost(Duration.ofSeconds(10)).until(() -> output.stream()
                        .anyMatch(l -> l.startsWith("sidecar: registered [" + PY + "], weft/1 port ")));
                GenericReference greeter = zooKeeper.newWeft("load").genericReference(PY, ReferenceOptions.defaults());
                await().atMost(Duration.ofSeconds(10)).until(() -> served(greeter).size() == 2);

                GenericLoad load = GenericLoad.start(greeter, GenericRequest.builder("slow").arguments("[20]")
                        .idempotent(true).timeout(Duration.ofSeconds(5)).build(), 8);
                long exitMs;
                try (load) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> load.count("\"py1\"") > 20
                            && load.count("\"py2\"") > 0);

                    long termAt = System.nanoTime();
                    process.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
                    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM: %s", output).isTrue();
                    exitMs = (System.nanoTime() - termAt) / 1_000_000;
                    int py2Before = load.count("\"py2\"");
                    await().atMost(Duration.ofSeconds(10)).until(() -> load.count("\"py2\"") > py2Before + 50);
                }

                System.out.println("SIGTERM under load: sidecar process exited in " + exitMs + " ms; outcomes "
                        + load.outcomes());
                assertThat(load.outcomes().keySet()).as("outcomes %s", load.outcomes())
                        .containsOnly("\"py1\"", "\"py2\"");
                assertThat(admin.list(PY, InstanceRole.PROVIDER)).hasSize(1);
                reader.join(5000);
                assertThat(output).contains("sidecar: shutting down (unregister, GOAWAY, drain)", "sidecar: stopped");
                assertThat(inProcess.inRotation()).isTrue();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static java.util.Set<String> served(GenericReference greeter) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            try {
                names.add(greeter.call("who", "[]"));
            } catch (RpcException e) {
                names.add(e.status() == Status.OK ? "?" : e.status().name());
            }
        }
        return names;
    }
}
