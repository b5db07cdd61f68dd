package io.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is the catalogue {@link WeftKeys} written out: same keys, types, defaults, meanings. */
class WeftKeysDocumentationTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    /** The rows of the one key table, by key; fails if key rows are spread over more than one table. */
    private static Map<String, List<String>> documentedRows() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(DOC);
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("| `weft.")) {
                continue;
            }
            first = first < 0 ? i : first;
            last = i;
            String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
            assertThat(cells).as("row of 4 cells: %s", line).hasSize(4);
            List<String> trimmed = new ArrayList<>();
            for (String c : cells) {
                trimmed.add(c.trim());
            }
            String key = trimmed.get(0).replace("`", "");
            assertThat(rows.put(key, trimmed)).as("%s documented twice", key).isNull();
        }
        assertThat(rows).as("key rows in %s", DOC).isNotEmpty();
        assertThat(last - first + 1).as("the key rows form one table").isEqualTo(rows.size());
        return rows;
    }

    private static String expectedRow(ConfigKey<?> key) {
        return expectedRow(key, key.name(), key.meaning());
    }

    private static String expectedRow(ConfigKey<?> key, String name, String meaning) {
        boolean word = key.defaultValue() instanceof String || key.defaultValue() instanceof Enum<?>;
        String def = word ? "`" + key.documentedDefault() + "`" : key.documentedDefault();
        return "| `" + name + "` | " + key.valueType() + " | " + def + " | " + meaning + " |";
    }

    /** The meaning column of a deprecated alias's row. */
    static String aliasMeaning(ConfigKey<?> key) {
        return "deprecated alias of `" + key.name() + "`";
    }

    @Test
    void everyCatalogueKeyIsDocumentedWithItsTypeDefaultAndMeaning() throws IOException {
        Map<String, List<String>> rows = documentedRows();
        for (ConfigKey<?> key : WeftKeys.all()) {
            List<String> row = rows.get(key.name());
            assertThat(row).as("%s is not in %s; add:%n%s", key.name(), DOC, expectedRow(key)).isNotNull();
            assertThat(List.of(row.get(1), row.get(2).replace("`", ""), row.get(3)))
                    .as("row of %s differs from WeftKeys; expected:%n%s", key.name(), expectedRow(key))
                    .containsExactly(key.valueType(), key.documentedDefault(), key.meaning());
        }
        for (String prefix : WeftKeys.prefixes()) {
            assertThat(rows).as("prefix %s* documented", prefix).containsKey(prefix + "*");
        }
    }

    @Test
    void everyDeprecatedAliasIsDocumentedAsTheAliasOfItsKey() throws IOException {
        Map<String, List<String>> rows = documentedRows();
        for (ConfigKey<?> key : WeftKeys.all()) {
            for (String alias : key.deprecatedAliases()) {
                String expected = expectedRow(key, alias, aliasMeaning(key));
                List<String> row = rows.get(alias);
                assertThat(row).as("%s is not in %s; add:%n%s", alias, DOC, expected).isNotNull();
                assertThat(List.of(row.get(1), row.get(2).replace("`", ""), row.get(3)))
                        .as("row of %s differs; expected:%n%s", alias, expected)
                        .containsExactly(key.valueType(), key.documentedDefault(), aliasMeaning(key));
            }
        }
    }

    @Test
    void everyDocumentedKeyIsInTheCatalogue() throws IOException {
        Set<String> known = new HashSet<>();
        WeftKeys.all().forEach(k -> known.addAll(k.names()));
        WeftKeys.prefixes().forEach(p -> known.add(p + "*"));
        assertThat(documentedRows().keySet()).as("rows of %s without a WeftKeys constant", DOC)
                .allSatisfy(k -> assertThat(known).contains(k));
    }

    @Test
    void everyKeyConstantIsListedOnceInAll() throws IllegalAccessException {
        List<ConfigKey<?>> constants = new ArrayList<>();
        List<ConfigKey<?>> deprecated = new ArrayList<>();
        for (Field f : WeftKeys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigKey.class) {
                (f.isAnnotationPresent(Deprecated.class) ? deprecated : constants).add((ConfigKey<?>) f.get(null));
            }
        }
        assertThat(WeftKeys.all()).containsExactlyInAnyOrderElementsOf(constants);
        assertThat(WeftKeys.all()).as("deprecated constants are other names of listed keys").containsAll(deprecated);
        assertThat(WeftKeys.all().stream().flatMap(k -> k.names().stream())).doesNotHaveDuplicates();
    }

    @Test
    void designSection7NamesAreTheCatalogueNames() {
        assertThat(List.of(WeftKeys.APPLICATION, WeftKeys.REGISTRY_ADDRESS, WeftKeys.REGISTRY_NAMESPACE,
                WeftKeys.SERVER_HOST, WeftKeys.SERVER_PORT, WeftKeys.CLIENT_TIMEOUT, WeftKeys.SERIALIZATION_ALLOW,
                WeftKeys.REGISTRY_USERNAME, WeftKeys.REGISTRY_PASSWORD, WeftKeys.REGISTRY_TLS_TRUST_FILE,
                WeftKeys.REGISTRY_TLS_CERT_FILE, WeftKeys.REGISTRY_TLS_KEY_FILE, WeftKeys.ADMIN_PORT,
                WeftKeys.ACCESS_LOG).stream().map(k -> k.names().get(k.names().size() - 1))).containsExactly(
                "weft.application", "weft.registry.address", "weft.registry.namespace", "weft.server.host",
                "weft.server.port", "weft.client.timeout-ms", "weft.serialization.allow", "weft.registry.username",
                "weft.registry.password", "weft.registry.tls.trust-file", "weft.registry.tls.cert-file",
                "weft.registry.tls.key-file", "weft.admin.port", "weft.access-log");
        assertThat(WeftKeys.SERVER_PORT.defaultValue()).isEqualTo(20880);
        assertThat(WeftKeys.CLIENT_TIMEOUT.defaultValue()).hasMillis(3000);
        assertThat(WeftKeys.REGISTRY_NAMESPACE.defaultValue()).isEqualTo("weft");
        assertThat(WeftKeys.prefixes()).containsExactly("weft.sidecar.");
    }
}
