package io.weft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.ConfigKey;
import io.weft.WeftKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code META-INF/spring-configuration-metadata.json} (what IDEs complete {@code weft.*} keys from) lists exactly
 * the keys of {@link WeftKeys}, with their types, defaults and meanings. When a key changes, this test writes the
 * expected file to {@code target/} and fails: copy it over the one in {@code src/main/resources}.
 */
class ConfigurationMetadataTest {
    private static final Path CHECKED_IN = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");
    private static final Path EXPECTED = Path.of("target/spring-configuration-metadata.json");
    private static final Map<Class<?>, String> TYPES = Map.of(Integer.class, "java.lang.Integer",
            Boolean.class, "java.lang.Boolean", Double.class, "java.lang.Double", Duration.class, "java.time.Duration");

    @Test
    void metadataListsEveryWeftKeyWithItsTypeDefaultAndMeaning() throws IOException {
        String expected = metadata();
        String actual = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            Files.writeString(EXPECTED, expected, StandardCharsets.UTF_8);
        }
        assertThat(actual)
                .as("%s is out of date with WeftKeys: cp spring-boot-starter/%s spring-boot-starter/%s",
                        CHECKED_IN, EXPECTED, CHECKED_IN)
                .isEqualTo(expected);
    }

    static String metadata() {
        StringBuilder json = new StringBuilder("{\n  \"groups\": [\n    {\n")
                .append("      \"name\": \"weft\",\n")
                .append("      \"description\": \"Weft RPC: the keys of io.weft.WeftKeys (docs/configuration.md).\"\n")
                .append("    }\n  ],\n  \"properties\": [");
        String separator = "\n";
        for (ConfigKey<?> key : WeftKeys.all()) {
            for (String name : key.names()) {
                json.append(separator).append("    {\n")
                        .append("      \"name\": ").append(quote(name)).append(",\n")
                        .append("      \"type\": ").append(quote(TYPES.getOrDefault(key.type(), "java.lang.String")))
                        .append(",\n")
                        .append("      \"description\": ").append(quote(key.meaning() + " (" + key.valueType() + ")"));
                Object value = key.defaultValue();
                if (value instanceof Number || value instanceof Boolean) {
                    json.append(",\n      \"defaultValue\": ").append(value);
                } else if (value != null && !"none".equals(key.documentedDefault())) {
                    json.append(",\n      \"defaultValue\": ").append(quote(key.documentedDefault()));
                }
                if (!name.equals(key.name())) {
                    json.append(",\n      \"deprecation\": {\n")
                            .append("        \"level\": \"warning\",\n")
                            .append("        \"reason\": \"the 0.1 name, kept working\",\n")
                            .append("        \"replacement\": ").append(quote(key.name())).append("\n      }");
                }
                json.append("\n    }");
                separator = ",\n";
            }
        }
        return json.append("\n  ]\n}\n").toString();
    }

    private static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
