package io.weft.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./demo.sh mesh} in-process (the sidecars and the Python services are real processes): calls
 * cross the language boundary both ways, a fault at the sidecars and a canary split by tag change the
 * traffic, and every process it started is gone at the end.
 */
class DemoMeshIT {

    @Test
    void pythonAndJavaCallEachOtherAndAFaultAndACanarySplitChangeTheTraffic() {
        assumeTrue(PythonService.available("python3"), "python3 is not installed (Debian: apt-get install python3)");
        String output = DemoRun.succeeding(Duration.ofSeconds(180), "mesh");
        System.out.println(output);
        assertThat(output).as(output).doesNotContain("WARNING")
                .containsPattern("registry   py-v1 127\\.0\\.0\\.1:\\d+ version=v1 serializations=\\[json] sidecar")
                .containsPattern("registry   py-v2 127\\.0\\.0\\.1:\\d+ version=v2 serializations=\\[json] sidecar")
                .containsPattern("java→py    Fortune.whoAmI\\(\\) from a typed Java stub over JSON: \"py-v[12]\"")
                .containsPattern("py→java    Fortune.welcome\\(\"Ada\"\\): \"Hello, Ada \\(asked by py-v[12],")
                .containsPattern("no rules +200 calls \\| py-v1 \\d+%  py-v2 \\d+%  \\| no failures")
                .containsPattern("rules removed +200 calls \\| py-v1 \\d+%  py-v2 \\d+%  \\| no failures")
                .contains("py-v1-sc  | sidecar: stopped", "py-v2-sc  | sidecar: stopped");
        Matcher canary = Pattern.compile("canary v2 10 % +500 calls \\| py-v1 (\\d+)%  py-v2 (\\d+)%  \\| no failures")
                .matcher(output);
        assertThat(canary.find()).as(output).isTrue();
        assertThat(Integer.parseInt(canary.group(2))).isBetween(4, 18);
        Matcher fault = Pattern.compile("50 % abort at sidecars +200 calls \\| py-v1 \\d+%  py-v2 \\d+%  \\| failed"
                + " \\{UNKNOWN=(\\d+)}").matcher(output);
        assertThat(fault.find()).as(output).isTrue();
        assertThat(Integer.parseInt(fault.group(1))).isBetween(70, 130);
        assertThat(ProcessHandle.current().children()).as("processes left behind").isEmpty();
    }
}
