package io.weft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.WeftConfig;
import io.weft.registry.support.UnknownKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** framework-impl's keys are known (no false warnings), and unknown ones are reported once per process. */
class ConfigKeysCatalogueTest {
    private static final Pattern TABLE_KEY = Pattern.compile("^\\| `(weft\\.[a-z0-9.\\-]+)`(?: / `(weft\\.[a-z0-9.\\-]+)`)?");

    @Test
    void everyKeyDocumentedInTheArchitectureConfigTableIsKnown() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "architecture.md"))) {
            Matcher m = TABLE_KEY.matcher(line);
            if (m.find()) {
                documented.put(m.group(1), "1");
                if (m.group(2) != null) {
                    documented.put(m.group(2), "1");
                }
            }
        }
        assertThat(documented).containsKeys("weft.server.threads", "weft.health.alpha", "weft.security.token");
        assertThat(WeftConfig.of(documented).unknownKeyWarnings()).isEmpty();
    }

    @Test
    void unknownKeyIsWarnedAboutOnceHoweverManyTimesWeftStarts() {
        WeftConfig config = WeftConfig.of(Map.of("weft.server.thraeds", "8"));
        assertThat(config.unknownKeyWarnings()).containsExactly(
                "unknown configuration key 'weft.server.thraeds' (did you mean 'weft.server.threads'?)");
        assertThat(UnknownKeys.reportOnce(config)).isEqualTo(1);
        assertThat(UnknownKeys.reportOnce(config)).isZero();
    }
}
