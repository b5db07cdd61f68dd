package io.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The whole demo in-process, as {@code ./demo.sh all --duration 3s} runs it. */
class DemoAllInOneIT {

    @Test
    void allInOneDemoCallsTwoProvidersAndEndsWithoutFailedCalls() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> DemoMain.run(
                new String[] {"all", "--duration", "3s"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("exit code; output:%n%s%nerrors:%n%s", output, err).isZero();
        assertThat(output).contains("provider-1", "provider-2", "2 providers", "Hello, ", " 0 failed");
        assertThat(output).containsPattern("console    http://127\\.0\\.0\\.1:\\d+/")
                .contains("login      password ");
    }
}
