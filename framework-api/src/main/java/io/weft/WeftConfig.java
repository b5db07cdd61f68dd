package io.weft;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Immutable Weft configuration. {@link #load()} reads, highest first: system properties, the
 * environment ({@code WEFT_REGISTRY_ADDRESS} for {@code weft.registry.address}: upper case, dots
 * and dashes as underscores), {@code weft.properties} on the class path, then defaults.
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
    /** The name of {@link WeftKeys#CLIENT_TIMEOUT_MS}: the default call deadline, default 3000 ms. */
    public static final String CLIENT_TIMEOUT_MS = "weft.client.timeout-ms";
    /** The name of {@link WeftKeys#SERIALIZATION_ALLOW}: extra package prefixes Hessian may decode. */
    public static final String SERIALIZATION_ALLOW = "weft.serialization.allow";

    private static final String PREFIX = "weft.";
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
        this.clientTimeout = get(WeftKeys.CLIENT_TIMEOUT_MS);
        this.serializationAllow = get(WeftKeys.SERIALIZATION_ALLOW);
    }

    /**
     * Reads system properties, environment, {@code weft.properties} and defaults.
     *
     * @return the configuration of this process
     * @throws WeftConfigException when a key of DESIGN §7 has a bad value
     * @throws java.io.UncheckedIOException when {@code weft.properties} exists but cannot be read
     */
    public static WeftConfig load() {
        Map<String, String> merged = new HashMap<>();
        Properties file = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = WeftConfig.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream("weft.properties")) {
            if (in != null) {
                file.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weft.properties", e);
        }
        file.stringPropertyNames().forEach(k -> merged.put(k, file.getProperty(k)));
        Map<String, String> env = System.getenv();
        // Environment: every key known from the other sources or documented, plus any WEFT_* variable.
        env.forEach((name, value) -> {
            if (name.startsWith("WEFT_")) {
                merged.put(keyForEnv(name, merged), value);
            }
        });
        Properties system = System.getProperties();
        for (String k : system.stringPropertyNames()) {
            if (k.startsWith(PREFIX)) {
                merged.put(k, system.getProperty(k));
            }
        }
        return new WeftConfig(merged);
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
     * A copy with {@code key} set to {@code value} (or removed when {@code value} is null).
     *
     * @param key the key, e.g. {@code weft.server.port}
     * @param value the raw value, or null to unset it
     * @return the copy; this one is unchanged
     * @throws WeftConfigException when the change gives a key of DESIGN §7 a bad value
     */
    public WeftConfig with(String key, String value) {
        Map<String, String> copy = new HashMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
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
            if (environmentName(k.name()).equals(envName)) {
                return k.name();
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
        return key.read(get(key.name()).orElse(null));
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
     * A duration given in milliseconds, at least {@code minMillis}, or the default when unset. Prefer
     * {@link #get(ConfigKey)}.
     *
     * @param key the key, by convention ending in {@code -ms}
     * @param defaultMillis the value when unset, in milliseconds
     * @param minMillis the smallest value accepted, in milliseconds
     * @return the duration
     * @throws WeftConfigException naming the key and the value when it is not a whole number of at
     *     least {@code minMillis}
     */
    public Duration getMillis(String key, long defaultMillis, long minMillis) {
        return get(ConfigKey.millis(key, defaultMillis, minMillis, ""));
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
     * {@code weft.client.timeout-ms}: the deadline of calls whose reference sets none.
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
