package io.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A demo subcommand run in-process, as {@code ./demo.sh} runs it, printing into memory. */
final class DemoRun {
    private DemoRun() {
    }

    /**
     * Runs {@code DemoMain} with {@code args}, failing after {@code timeout}; asserts the exit code is 0 (the message
     * shows both streams) and returns what the demo printed to its standard output.
     */
    static String succeeding(Duration timeout, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = assertTimeoutPreemptively(timeout, () -> DemoMain.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("exit code; output:%n%s%nerrors:%n%s", output, err).isZero();
        return output;
    }
}
