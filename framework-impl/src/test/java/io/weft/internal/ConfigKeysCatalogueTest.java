package io.weft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.ConfigKey;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import io.weft.registry.support.UnknownKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** framework-impl reads its keys through the catalogue WeftKeys, and unknown keys are reported once per process. */
class ConfigKeysCatalogueTest {
    private static final Pattern KEY_LITERAL = Pattern.compile("\"(weft\\.[a-z0-9.\\-]+)\"");
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "weft", "internal");
    /** Still on string keys until they move to their own modules (issue 14 item 4); their keys are catalogued. */
    private static final Set<Path> STRING_KEYED = Set.of(SOURCES.resolve("registry"), SOURCES.resolve("rules"));

    @Test
    void noKeyIsWrittenAsAStringLiteralOutsideTheCatalogue() throws IOException {
        Set<String> catalogued = WeftKeys.all().stream().map(ConfigKey::name).collect(Collectors.toSet());
        List<String> literals = new ArrayList<>();
        List<String> uncatalogued = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                boolean allowed = STRING_KEYED.stream().anyMatch(file::startsWith);
                Matcher m = KEY_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    String where = SOURCES.relativize(file) + ": " + m.group(1);
                    if (!catalogued.contains(m.group(1))) {
                        uncatalogued.add(where);
                    } else if (!allowed) {
                        literals.add(where);
                    }
                }
            }
        }
        assertThat(uncatalogued).as("keys read but not in WeftKeys (add them there and to docs/configuration.md)")
                .isEmpty();
        assertThat(literals).as("key literals: use the WeftKeys constant").isEmpty();
    }

    @Test
    void everyCatalogueKeyIsKnownWithFrameworkImplOnTheClassPath() {
        Map<String, String> all = new HashMap<>();
        for (ConfigKey<?> key : WeftKeys.all()) {
            all.put(key.name(), "1");
        }
        all.put("weft.sidecar.app", "x");
        // The DESIGN §7 keys are checked when the configuration is built: give them valid values.
        all.put(WeftConfig.REGISTRY_ADDRESS, "zookeeper://127.0.0.1:2181");
        assertThat(WeftConfig.of(all).unknownKeyWarnings()).isEmpty();
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
