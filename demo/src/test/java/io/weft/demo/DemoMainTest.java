package io.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line's parsing, without starting anything. */
class DemoMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DemoMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEverySubcommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("all", "registry", "provider", "consumer",
                "governance", "mesh");
    }

    @Test
    void meshWithoutPythonSaysSoPlainlyAndStartsNothing() {
        assertThat(run("mesh", "--python", "/nonexistent/python3")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("mesh       /nonexistent/python3 is needed for the"
                + " Python service and does not run here (Debian/Ubuntu: apt-get install python3); nothing started\n");
    }

    @Test
    void noSubcommandMeansAll() {
        assertThat(DemoMain.withDefaultCommand(new String[0])).containsExactly("all");
        assertThat(DemoMain.withDefaultCommand(new String[] {"--duration", "3s"}))
                .containsExactly("all", "--duration", "3s");
        assertThat(DemoMain.withDefaultCommand(new String[] {"provider", "--port", "1"}))
                .containsExactly("provider", "--port", "1");
        assertThat(DemoMain.withDefaultCommand(new String[] {"-h"})).containsExactly("-h");
    }

    @Test
    void badDurationIsAUsageErrorNamingTheValue() {
        assertThat(run("all", "--duration", "forever")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'forever'");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    @Test
    void providerOptionsParseTagsAsAMap() {
        assertThat(run("provider", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--tag", "--registry", "--name");
    }
}
