package io.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The whole demo in-process, as {@code ./demo.sh all --duration 3s} runs it. */
class DemoAllInOneIT {

    @Test
    void allInOneDemoCallsTwoProvidersAndEndsWithoutFailedCalls() {
        String output = DemoRun.succeeding(Duration.ofSeconds(60), "all", "--duration", "3s");
        assertThat(output).contains("provider-1", "provider-2", "2 providers", "Hello, ", " 0 failed");
        assertThat(output).containsPattern("console    http://127\\.0\\.0\\.1:\\d+/")
                .contains("login      password ");
    }
}
