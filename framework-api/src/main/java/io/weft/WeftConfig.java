package io.weft;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Immutable Weft configuration. {@link #load()} reads, highest first: system properties, the
 * environment ({@code WEFT_REGISTRY_ADDRESS} for {@code weft.registry.address}: upper case, dots
 * and dashes as underscores), the file named by {@code weft.config.file}, {@code weft.properties} on
 * the class path, then defaults.
 *
 * <p>The keys of DESIGN §7 are checked when the configuration is built: a bad value throws
 * {@link WeftConfigException} naming the key and the value. Components read the other keys of the
 * catalogue {@link WeftKeys} with {@link #get(ConfigKey)}, which checks the same way.
 *
 * <p>Secrets (keys ending in {@code password}, {@code token} or {@code secret}, see {@link #isSecret})
 * are shown as {@code ****} by {@link #toString()} and in error messages. Keys under {@code weft.} that
 * no part of Weft knows are listed by {@link #unknownKeyWarnings()}; Weft and the console log them once
 * at start-up.
 */
public final class WeftConfig {
    /** The name of {@link WeftKeys#APPLICATION}: the application name, required for providers. */
    public static final String APPLICATION = "weft.application";
    /** The name of {@link WeftKeys#REGISTRY_ADDRESS}: {@code zookeeper://…} or {@code etcd://…}. */
    public static final String REGISTRY_ADDRESS = "weft.registry.address";
    /** The name of {@link WeftKeys#REGISTRY_NAMESPACE}: the registry's root, default {@code weft}. */
    public static final String REGISTRY_NAMESPACE = "weft.registry.namespace";
    /** The name of {@link WeftKeys#SERVER_HOST}: the address providers listen on and register. */
    public static final String SERVER_HOST = "weft.server.host";
    /** The name of {@link WeftKeys#SERVER_PORT}: the port providers listen on, default 20880. */
    public static final String SERVER_PORT = "weft.server.port";
    /**
     * The DESIGN §7 name of {@link WeftKeys#CLIENT_TIMEOUT}, kept as its alias: the default call deadline
     * in milliseconds, default 3000.
     */
    public static final String CLIENT_TIMEOUT_MS = "weft.client.timeout-ms";
    /** The name of {@link WeftKeys#SERIALIZATION_ALLOW}: extra package prefixes Hessian may decode. */
    public static final String SERIALIZATION_ALLOW = "weft.serialization.allow";

    /** The name of {@link WeftKeys#CONFIG_FILE}: an external properties file read at {@link #load()}. */
    public static final String CONFIG_FILE = "weft.config.file";

    private static final String PREFIX = "weft.";
    private static final String MS = "-ms";
    private static final String MASK = "****";
    private static volatile ConfigCatalogue catalogue;
    private static final WeftConfig EMPTY = new WeftConfig(Map.of());

    private final Map<String, String> values;
    private final String application;
    private final RegistryAddress registryAddress;
    private final String namespace;
    private final String serverHost;
    private final int serverPort;
    private final Duration clientTimeout;
    private final List<String> serializationAllow;

    private WeftConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
        this.application = get(WeftKeys.APPLICATION);
        this.registryAddress = get(WeftKeys.REGISTRY_ADDRESS);
        this.namespace = get(WeftKeys.REGISTRY_NAMESPACE);
        this.serverHost = get(WeftKeys.SERVER_HOST);
        this.serverPort = get(WeftKeys.SERVER_PORT);
        this.clientTimeout = get(WeftKeys.CLIENT_TIMEOUT);
        this.serializationAllow = get(WeftKeys.SERIALIZATION_ALLOW);
    }

    /**
     * Reads, highest first: system properties, the environment, the file {@code weft.config.file} names
     * (if any), {@code weft.properties} on the class path, then defaults. {@code weft.config.file} itself
     * is taken from a system property, else {@code WEFT_CONFIG_FILE}, else {@code weft.properties}; a
     * relative path is resolved against the working directory. A source that sets a key under any of its
     * names (e.g. {@code weft.client.timeout} or its alias {@code weft.client.timeout-ms}) hides both
     * names in the sources below it.
     *
     * @return the configuration of this process
     * @throws WeftConfigException when a key of DESIGN §7 has a bad value, or when
     *     {@code weft.config.file} names no readable file (the message names the path)
     * @throws java.io.UncheckedIOException when {@code weft.properties} exists but cannot be read
     */
    public static WeftConfig load() {
        Map<String, String> merged = new HashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = WeftConfig.class.getClassLoader();
        }
        Properties classPath = new Properties();
        try (InputStream in = loader.getResourceAsStream("weft.properties")) {
            if (in != null) {
                classPath.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weft.properties", e);
        }
        overlay(merged, entries(classPath, ""));
        Map<String, String> env = System.getenv();
        String configFile = System.getProperty(CONFIG_FILE,
                env.getOrDefault(environmentName(CONFIG_FILE), classPath.getProperty(CONFIG_FILE)));
        if (configFile != null && !configFile.isBlank()) {
            overlay(merged, entries(readConfigFile(configFile.trim()), ""));
        }
        // Environment: every key known from the other sources or documented, plus any WEFT_* variable.
        Map<String, String> fromEnv = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("WEFT_")) {
                fromEnv.put(keyForEnv(name, merged), value);
            }
        });
        overlay(merged, fromEnv);
        overlay(merged, entries(System.getProperties(), PREFIX));
        return new WeftConfig(merged);
    }

    private static Properties readConfigFile(String path) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            p.load(in);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof NoSuchFileException ? "no such file"
                    : e instanceof AccessDeniedException ? "not readable" : String.valueOf(e.getMessage());
            throw new WeftConfigException("cannot read the configuration file " + CONFIG_FILE + "='" + path
                    + "' (" + Path.of("").toAbsolutePath().resolve(path).normalize() + "): " + why);
        }
        return p;
    }

    private static Map<String, String> entries(Properties properties, String prefix) {
        Map<String, String> m = new HashMap<>();
        for (String k : properties.stringPropertyNames()) {
            if (k.startsWith(prefix)) {
                m.put(k, properties.getProperty(k));
            }
        }
        return m;
    }

    /** Puts {@code layer} over {@code merged}: a key it sets hides every name of that key below it. */
    private static void overlay(Map<String, String> merged, Map<String, String> layer) {
        for (String key : layer.keySet()) {
            Set<String> hidden = new HashSet<>();
            for (String name : namesOf(key)) {
                hidden.add(environmentName(name));
            }
            merged.keySet().removeIf(k -> hidden.contains(environmentName(k)));
        }
        merged.putAll(layer);
    }

    /**
     * Every name of the key {@code key} is one of: the catalogue key's name and aliases; for another
     * {@code x-ms} or {@code x} read with {@link #getMillis}, both; else {@code key} alone.
     */
    private static List<String> namesOf(String key) {
        String env = environmentName(key);
        for (ConfigKey<?> k : WeftKeys.all()) {
            for (String name : k.names()) {
                if (environmentName(name).equals(env)) {
                    return k.names();
                }
            }
        }
        return key.endsWith(MS) ? List.of(key.substring(0, key.length() - MS.length()), key) : List.of(key);
    }

    /**
     * Only defaults; add values with {@link #with}. For tests and embedding.
     *
     * @return the shared empty configuration
     */
    public static WeftConfig empty() {
        return EMPTY;
    }

    /**
     * Exactly these values over the defaults (no system properties or environment).
     *
     * @param values key → value; copied
     * @return the configuration
     * @throws WeftConfigException when a key of DESIGN §7 has a bad value
     */
    public static WeftConfig of(Map<String, String> values) {
        return new WeftConfig(values);
    }

    /**
     * {@code values} over the properties file that {@code weft.config.file} names among them, if it does,
     * over the defaults: for embedders that gather the higher sources themselves (the Spring Boot starter
     * passes its {@code Environment}). A key set in {@code values} under any of its names hides the file's.
     *
     * @param values key → value, the highest source; copied
     * @return the configuration
     * @throws WeftConfigException when {@code weft.config.file} names no readable file (the message names
     *     the path), or a key of DESIGN §7 has a bad value
     */
    public static WeftConfig withConfigFile(Map<String, String> values) {
        String configFile = values.get(CONFIG_FILE);
        Map<String, String> merged = new HashMap<>();
        if (configFile != null && !configFile.isBlank()) {
            overlay(merged, entries(readConfigFile(configFile.trim()), ""));
        }
        overlay(merged, values);
        return new WeftConfig(merged);
    }

    /**
     * A copy with {@code key} set to {@code value} (or removed when {@code value} is null); the key's other
     * names (e.g. {@code weft.client.timeout-ms} for {@code weft.client.timeout}) are removed either way.
     *
     * @param key the key, e.g. {@code weft.server.port}
     * @param value the raw value, or null to unset it
     * @return the copy; this one is unchanged
     * @throws WeftConfigException when the change gives a key of DESIGN §7 a bad value
     */
    public WeftConfig with(String key, String value) {
        Map<String, String> copy = new HashMap<>(values);
        overlay(copy, Map.of(key, ""));
        if (value != null) {
            copy.put(key, value);
        } else {
            copy.remove(key);
        }
        return new WeftConfig(copy);
    }

    /**
     * The environment variable name for a key: {@code weft.client.timeout-ms} → {@code WEFT_CLIENT_TIMEOUT_MS}.
     *
     * @param key the key
     * @return upper case, dots and dashes as underscores
     */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String keyForEnv(String envName, Map<String, String> known) {
        for (ConfigKey<?> k : WeftKeys.all()) {
            for (String name : k.names()) {
                if (environmentName(name).equals(envName)) {
                    return name;
                }
            }
        }
        for (String k : known.keySet()) {
            if (environmentName(k).equals(envName)) {
                return k;
            }
        }
        // Unknown variable: dots for underscores is the best guess; getters also look up by environment name.
        return envName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /**
     * The raw value of {@code key}, if set by any source. Not checked: prefer {@link #get(ConfigKey)}.
     *
     * @param key the key, e.g. {@code weft.server.port}
     * @return the value as set (untrimmed), or empty when unset
     */
    public Optional<String> get(String key) {
        String v = values.get(key);
        if (v == null) {
            String envStyle = environmentName(key).toLowerCase(Locale.ROOT).replace('_', '.');
            v = values.get(envStyle);
        }
        return Optional.ofNullable(v);
    }

    /**
     * The value of {@code key} checked and converted, or its {@linkplain ConfigKey#defaultValue() default}
     * when unset (null for a key without one: use {@link #find}).
     *
     * @param <T> the value type
     * @param key the key, usually a constant of {@link WeftKeys}
     * @return the value, the default, or null
     * @throws WeftConfigException naming the key and the value when the value is bad
     */
    public <T> T get(ConfigKey<T> key) {
        if (key.deprecatedAliases().isEmpty()) {
            return key.read(get(key.name()).orElse(null));
        }
        String setName = null;
        T value = null;
        for (String name : key.names()) {
            String raw = get(name).orElse(null);
            if (raw == null || raw.isBlank()) {
                key.read(name, raw); // a blank value is an error for some keys, else unset
                continue;
            }
            T v = key.read(name, raw);
            if (setName == null) {
                setName = name;
                value = v;
            } else if (!v.equals(value)) {
                throw new WeftConfigException("conflicting configuration: " + setName + "='"
                        + printable(setName, get(setName).orElse("")) + "' and " + name + "='"
                        + printable(name, raw) + "' name one setting (" + name + " is a deprecated alias of "
                        + key.name() + "); set only " + key.name());
            }
        }
        return setName == null ? key.read(null) : value;
    }

    /**
     * {@link #get(ConfigKey)} as an optional: empty when the key is unset and has no default.
     *
     * @param <T> the value type
     * @param key the key
     * @return the value or the default, if there is one
     * @throws WeftConfigException naming the key and the value when the value is bad
     */
    public <T> Optional<T> find(ConfigKey<T> key) {
        return Optional.ofNullable(get(key));
    }

    /**
     * An integer in {@code [min, max]}, or {@code defaultValue} when unset. Prefer {@link #get(ConfigKey)}.
     *
     * @param key the key
     * @param defaultValue the value when unset
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @return the value
     * @throws WeftConfigException naming the key and the value when it is not an integer in range
     */
    public int getInt(String key, int defaultValue, int min, int max) {
        return get(ConfigKey.integer(key, defaultValue, min, max, ""));
    }

    /**
     * A decimal number in {@code [min, max]}, or {@code defaultValue} when unset. Prefer {@link #get(ConfigKey)}.
     *
     * @param key the key
     * @param defaultValue the value when unset
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @return the value
     * @throws WeftConfigException naming the key and the value when it is not a number in range
     */
    public double getDouble(String key, double defaultValue, double min, double max) {
        return get(ConfigKey.decimal(key, defaultValue, min, max, ""));
    }

    /**
     * A duration of at least {@code minMillis}, or the default when unset; bare numbers are milliseconds,
     * units are accepted ({@code 3s}). The key's other name is read too: {@code weft.x} for
     * {@code weft.x-ms} and the reverse. Prefer {@link #get(ConfigKey)}.
     *
     * @param key the key, e.g. {@code weft.registry.session-timeout-ms}
     * @param defaultMillis the value when unset, in milliseconds
     * @param minMillis the smallest value accepted, in milliseconds
     * @return the duration
     * @throws WeftConfigException naming the key and the value when it is no duration of at least
     *     {@code minMillis}, or when both names are set to different durations
     */
    public Duration getMillis(String key, long defaultMillis, long minMillis) {
        List<String> names = namesOf(key);
        ConfigKey<Duration> k = ConfigKey.duration(names.get(0), Duration.ofMillis(defaultMillis),
                Duration.ofMillis(minMillis), "");
        for (String alias : names.subList(1, names.size())) {
            k = k.withDeprecatedAlias(alias);
        }
        return get(k);
    }

    /**
     * A readable regular file, or empty when unset; a path that is not one fails naming key and value.
     * Prefer {@link #find(ConfigKey)}.
     *
     * @param key the key
     * @return the path, or empty when unset
     * @throws WeftConfigException naming the key and the value when no readable file is there
     */
    public Optional<Path> getReadableFile(String key) {
        return find(ConfigKey.file(key, ""));
    }

    /**
     * {@code true}/{@code false}, or the default when unset. Prefer {@link #get(ConfigKey)}.
     *
     * @param key the key
     * @param defaultValue the value when unset
     * @return the value
     * @throws WeftConfigException naming the key and the value when it is neither word (any case)
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        return get(ConfigKey.bool(key, defaultValue, ""));
    }

    /**
     * {@code weft.application}, required for providers when a registry is configured.
     *
     * @return the application name, or empty when unset
     */
    public Optional<String> application() {
        return Optional.ofNullable(application);
    }

    /**
     * {@code weft.registry.address}.
     *
     * @return the parsed address; empty means direct connections only
     */
    public Optional<RegistryAddress> registryAddress() {
        return Optional.ofNullable(registryAddress);
    }

    /**
     * {@code weft.registry.namespace}: the {@code {ns}} of every registry key.
     *
     * @return the namespace, default {@code weft}
     */
    public String namespace() {
        return namespace;
    }

    /**
     * {@code weft.server.host}: where providers listen and what they register.
     *
     * @return the host, or empty for the first non-loopback address
     */
    public Optional<String> serverHost() {
        return Optional.ofNullable(serverHost);
    }

    /**
     * {@code weft.server.port}.
     *
     * @return the port, default 20880; 0 means any free port (see {@link Weft#serverAddress()})
     */
    public int serverPort() {
        return serverPort;
    }

    /**
     * {@code weft.client.timeout} (or its alias {@code weft.client.timeout-ms}): the deadline of calls
     * whose reference sets none.
     *
     * @return the timeout, default 3 s
     */
    public Duration clientTimeout() {
        return clientTimeout;
    }

    /**
     * {@code weft.serialization.allow}: extra package prefixes Hessian may decode.
     *
     * @return the prefixes, e.g. {@code [com.example.model.]}; empty when unset
     */
    public List<String> serializationAllow() {
        return serializationAllow;
    }

    /**
     * All values set by a source (defaults not included).
     *
     * @return an immutable map of key → raw value; secrets unmasked, so never log it (log {@link #toString()})
     */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * Whether the value of {@code key} is a secret that must never be printed: its last segment ends in
     * {@code password}, {@code token} or {@code secret} (e.g. {@code weft.console.password},
     * {@code weft.security.token}, {@code weft.tls.key-password}).
     *
     * @param key the key (dots or underscores, any case)
     * @return true for a secret
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('_', '.');
        return k.endsWith("password") || k.endsWith("token") || k.endsWith("secret");
    }

    /**
     * A value as it may be printed.
     *
     * @param key the key the value belongs to
     * @param value the value, or null
     * @return {@code value}, or {@code ****} when {@code key} is a {@linkplain #isSecret secret} and the
     *     value is set
     */
    public static String printable(String key, String value) {
        return value == null || !isSecret(key) ? value : MASK;
    }

    /**
     * One warning per key under {@code weft.} that no module on the class path knows (DESIGN §7), with
     * the closest known key when it looks like a typo, e.g. {@code unknown configuration key
     * 'weft.client.timout-ms' (did you mean 'weft.client.timeout-ms'?)}. Empty when every key is known.
     * Known keys are those of {@link WeftKeys} plus those plug-ins list through {@link io.weft.spi.ConfigKeys}.
     *
     * @return the warnings, sorted by key; empty when every key is known
     */
    public List<String> unknownKeyWarnings() {
        ConfigCatalogue known = catalogue();
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(values.keySet())) {
            if (!key.startsWith(PREFIX) || known.knows(key)) {
                continue;
            }
            String near = known.closest(key);
            warnings.add("unknown configuration key '" + key + "'"
                    + (near == null ? " (no part of Weft reads it)" : " (did you mean '" + near + "'?)"));
        }
        return warnings;
    }

    private static ConfigCatalogue catalogue() {
        ConfigCatalogue c = catalogue;
        if (c == null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            c = ConfigCatalogue.load(loader != null ? loader : WeftConfig.class.getClassLoader());
            catalogue = c;
        }
        return c;
    }

    /** The values by key, secrets as {@code ****}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("WeftConfig{");
        String sep = "";
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(printable(e.getKey(), e.getValue()));
            sep = ", ";
        }
        return b.append('}').toString();
    }
}
