package io.weft.test;

import io.weft.ExportOptions;
import io.weft.RegistryAddress;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real parts for tests of Weft services, one set per test class: a real registry (an embedded ZooKeeper, or
 * the real {@code etcd} binary), Weft instances that discover each other through it, and helpers that write
 * governance rules and wait until every instance reports them applied.
 *
 * <pre>{@code
 * class GreeterIT {
 *     @RegisterExtension
 *     static final WeftExtension weft = WeftExtension.zooKeeper();
 *
 *     @Test
 *     void greets() {
 *         weft.export(Greeter.class, new GreeterImpl());
 *         Greeter greeter = weft.newWeft("web").reference(Greeter.class);
 *         assertEquals("Hello, Ada", greeter.greet("Ada"));
 *     }
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field: the registry starts before the first test of the class and
 * stops after the last; every {@link Weft} made through this extension is closed before that (closing one
 * earlier, e.g. to stop a provider, is fine). Registered on an instance field instead, it gives each test
 * a fresh registry and closes that test's instances after it, for tests that count or tamper with
 * registry nodes. Providers listen on {@code 127.0.0.1}, port 0 (a free one).
 *
 * <p>Class path: this module brings {@code framework-api}, {@code curator-test}, JUnit's API and, at run
 * time, {@code framework-impl}. Add the registry module you test with in test scope:
 * {@code io.weft:registry-zookeeper} for {@link #zooKeeper()}, {@code io.weft:registry-etcd} for {@link #etcd()}.
 *
 * <p>Thread-safe once started; the waits block the calling thread for at most {@link #withTimeout the timeout}.
 */
public final class WeftExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<RegistryServer> starter;
    private final Duration timeout;
    private final List<Weft> instances = new CopyOnWriteArrayList<>();
    private volatile RegistryServer server;
    private volatile Registry registry;
    private volatile boolean perTest;

    private WeftExtension(Supplier<RegistryServer> starter, Duration timeout) {
        this.starter = starter;
        this.timeout = timeout;
    }

    /** A real ZooKeeper server in this JVM (curator-test's {@code TestingServer}) on a free port. */
    public static WeftExtension zooKeeper() {
        return new WeftExtension(RegistryServer::zooKeeper, DEFAULT_TIMEOUT);
    }

    /**
     * A real etcd member: the {@code etcd} binary (Debian: {@code apt-get install etcd-server}), or a
     * container where there is Docker but no binary; with neither the test class fails saying so.
     */
    public static WeftExtension etcd() {
        return new WeftExtension(RegistryServer::etcd, DEFAULT_TIMEOUT);
    }

    /**
     * A copy of this (not yet started) extension whose waits ({@link #awaitApplied}, {@link #awaitProviders})
     * give up after {@code timeout}; use it where the field is declared.
     */
    public WeftExtension withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new WeftExtension(starter, timeout);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = starter.get();
    }

    /** On an instance field (no {@link #beforeAll}): starts this test's registry. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            perTest = true;
            server = starter.get();
        }
    }

    /** On an instance field: closes this test's instances, then its registry. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            perTest = false;
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void stop() {
        List<Weft> started = new ArrayList<>(instances);
        instances.clear();
        Collections.reverse(started);
        RuntimeException failure = null;
        for (Weft weft : started) {
            try {
                weft.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        Registry r = registry;
        registry = null;
        if (r != null) {
            r.close();
        }
        RegistryServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** {@code zookeeper://127.0.0.1:port} or {@code etcd://127.0.0.1:port}: the value of {@code weft.registry.address}. */
    public String registryAddress() {
        RegistryServer s = server;
        if (s == null) {
            throw new IllegalStateException(
                    "the registry is not running: register WeftExtension on a field with @RegisterExtension");
        }
        return s.address();
    }

    /**
     * Configuration of application {@code application} on this registry, serving on {@code 127.0.0.1} port 0,
     * with {@code settings} (key, value, key, value…) on top; settings may override any of these.
     */
    public WeftConfig config(String application, String... settings) {
        if (settings.length % 2 != 0) {
            throw new IllegalArgumentException("settings come as key, value pairs; got " + settings.length + " strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(WeftConfig.APPLICATION, application);
        values.put(WeftConfig.REGISTRY_ADDRESS, registryAddress());
        values.put(WeftConfig.SERVER_HOST, "127.0.0.1");
        values.put(WeftConfig.SERVER_PORT, "0");
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return WeftConfig.of(values);
    }

    /** A new Weft instance of {@link #config}; closed after the test class (after the test, on an instance field). */
    public Weft newWeft(String application, String... settings) {
        return track(Weft.create(config(application, settings)));
    }

    /** A Weft instance built from {@code builder} (filters, interceptors); closed with the others. */
    public Weft track(Weft weft) {
        instances.add(weft);
        return weft;
    }

    /**
     * Starts an in-process provider of {@code serviceInterface} on a new Weft instance whose application
     * is the interface's simple name, registered in this registry. Close the returned instance to stop it.
     */
    public <T> Weft export(Class<T> serviceInterface, T implementation) {
        return export(serviceInterface, implementation, ExportOptions.defaults());
    }

    /**
     * Like {@link #export(Class, Object)}, with export options and configuration {@code settings}
     * (key, value…; {@code weft.application} among them names the application).
     */
    public <T> Weft export(Class<T> serviceInterface, T implementation, ExportOptions options, String... settings) {
        Weft weft = newWeft(serviceInterface.getSimpleName(), settings);
        weft.export(serviceInterface, implementation, options);
        return weft;
    }

    /**
     * A registry client of its own on this registry (opened on first use, closed after the class), for
     * reading and writing registry state directly.
     *
     * @throws IllegalStateException when no registry module for the scheme is on the class path
     */
    public Registry registry() {
        Registry r = registry;
        if (r == null) {
            synchronized (this) {
                r = registry;
                if (r == null) {
                    r = openRegistry();
                    registry = r;
                }
            }
        }
        return r;
    }

    private Registry openRegistry() {
        RegistryAddress address = RegistryAddress.parse(registryAddress());
        return RegistryFactory.forScheme(address.scheme(), WeftExtension.class.getClassLoader())
                .orElseThrow(() -> new IllegalStateException("no registry module for '" + address.scheme()
                        + "://' on the class path: add io.weft:registry-"
                        + (address.scheme().equals("etcd") ? "etcd" : "zookeeper") + " in test scope"))
                .create(address, WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, address.toString())));
    }

    /**
     * Writes rule {@code kind} ({@code routing}, {@code throttling}, {@code faults}, {@code security}) of
     * {@code service} whatever its current revision, and returns the new revision (DESIGN §5, §6).
     */
    public long putRule(String service, String kind, String json) {
        return registry().putRule(service, kind, json, -1);
    }

    /** Deletes rule {@code kind} of {@code service}; {@code true} if there was one. */
    public boolean deleteRule(String service, String kind) {
        return registry().deleteRule(service, kind, -1);
    }

    /**
     * Waits until at least one instance of {@code service} is registered and every registered provider and
     * consumer of it reports {@code revision} for {@code kind} in its {@code appliedRules} (DESIGN §5);
     * {@code 0} waits until none reports a rule of that kind (after {@link #deleteRule}). A rule that fails
     * validation is never applied, so waiting for its revision times out.
     *
     * @throws AssertionError after the timeout, naming what each instance reports
     */
    public void awaitApplied(String service, String kind, long revision) {
        RegistryWait.until(registry(), service, timeout,
                nodes -> !nodes.all().isEmpty()
                        && nodes.all().stream().allMatch(i -> i.appliedRules().getOrDefault(kind, 0L) == revision),
                nodes -> "rule " + service + "/" + kind + " at revision " + revision
                        + " applied on every instance; they report " + nodes.applied(kind));
    }

    /** Waits until exactly {@code count} providers of {@code service} are registered. */
    public void awaitProviders(String service, int count) {
        RegistryWait.until(registry(), service, timeout, nodes -> nodes.providers().size() == count,
                nodes -> count + " providers of " + service + "; registered: " + nodes.providers());
    }
}
