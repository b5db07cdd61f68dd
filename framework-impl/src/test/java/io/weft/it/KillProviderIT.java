package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.ReferenceOptions;
import io.weft.Weft;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code kill -9} of one of three providers, each in its own JVM, under steady load. */
class KillProviderIT {

    static Process start(String name) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                EchoProcess.class.getName(), name).redirectErrorStream(true).start();
    }

    static int awaitReady(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l; (l = out.readLine()) != null; ) {
                    if (l.startsWith("READY ")) {
                        return l;
                    }
                }
                return "exited";
            } catch (IOException e) {
                return e.toString();
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(line).startsWith("READY ");
        CompletableFuture.runAsync(() -> { // keep draining so the child never blocks on a full pipe
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // child gone
            }
        });
        return Integer.parseInt(line.substring(6).trim());
    }

    @Test
    void killingOneOfThreeProvidersFailsOnlyCallsInFlightDuringDetection() throws Exception {
        List<Process> processes = new ArrayList<>();
        try {
            for (String name : List.of("k1", "k2", "k3")) {
                processes.add(start(name));
            }
            ReferenceOptions.Builder options = ReferenceOptions.builder();
            for (Process p : processes) {
                options.directAddress("127.0.0.1:" + awaitReady(p));
            }
            try (Weft consumer = Nodes.consumer()) {
                EchoService echo = consumer.reference(EchoService.class, options.build());
                try (LoadRunner load = new LoadRunner(8, echo::who)) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> load.answeredBy.size() == 3
                            && load.ok.get() > 3000);
                    assertThat(load.failures).isEmpty();
                    int k3Before = load.answered("k3");
                    long killedAt = System.nanoTime();
                    processes.get(2).destroyForcibly(); // SIGKILL
                    processes.get(2).waitFor(10, TimeUnit.SECONDS);
                    int okAtKill = load.ok.get();
                    await().atMost(Duration.ofSeconds(10)).until(() -> load.ok.get() > okAtKill + 5000);
                    int failuresAfterDetection = load.failures.size();
                    int okAfter = load.ok.get();
                    await().atMost(Duration.ofSeconds(10)).until(() -> load.ok.get() > okAfter + 5000);
                    long lastFailureMs = load.failures.stream()
                            .mapToLong(f -> (f.atNanos() - killedAt) / 1_000_000).max().orElse(0);
                    System.out.printf("kill -9 of 1 of 3 providers under 8 callers: %d failed calls, the last %d ms "
                                    + "after the kill; k3 answered %d calls after the kill; %d calls succeeded since%n",
                            load.failures.size(), lastFailureMs, load.answered("k3") - k3Before,
                            load.ok.get() - okAtKill);
                    load.failures.forEach(f -> System.out.println("  failure: " + f.error()));
                    assertThat(load.failures).as("no failures after detection").hasSize(failuresAfterDetection);
                    assertThat(load.failures.size()).as("only calls in flight at the kill fail").isLessThanOrEqualTo(8);
                    assertThat(lastFailureMs).isLessThan(2000);
                }
            }
        } finally {
            for (Process p : processes) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
