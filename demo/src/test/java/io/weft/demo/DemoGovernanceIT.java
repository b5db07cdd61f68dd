package io.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ./demo.sh governance} in-process: each rule changes what the consumer observes. */
class DemoGovernanceIT {

    @Test
    void routeFaultAndLimitEachChangeTrafficAndLeaveNothingBehind() {
        String output = DemoRun.succeeding(Duration.ofSeconds(90), "governance");
        assertThat(output).doesNotContain("WARNING");
        Matcher canary = Pattern.compile("canary route 80/20 +1000 calls \\| canary (\\d+)%").matcher(output);
        assertThat(canary.find()).as(output).isTrue();
        assertThat(Integer.parseInt(canary.group(1))).isBetween(14, 26);
        assertThat(output).containsPattern("25 % abort fault .*failed \\{UNAVAILABLE=\\d+}")
                .containsPattern("20 qps cluster limit .*failed \\{RESOURCE_EXHAUSTED=\\d+}")
                .containsPattern("rules removed .*no failures");
    }
}
