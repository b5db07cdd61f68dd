package io.weft.registry.tests;

import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.registry.support.RegistryPaths;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What the registry suites share: the backend under test (found by the scheme of {@link #address()}), a
 * service name of each test's own, registries closed after the test, and the provider instances tests
 * register.
 */
public abstract class RegistrySuite {
    protected static final Duration SHORT = Duration.ofSeconds(10);

    private final List<Registry> opened = new ArrayList<>();
    /** A service name unique to the running test, so tests never see each other's nodes. */
    protected String service;

    /** The {@code weft.registry.address} of the running test server. */
    protected abstract String address();

    /** The factory under test: the one on the class path for the scheme of {@link #address()}. */
    protected RegistryFactory factory() {
        String scheme = RegistryAddress.parse(address()).scheme();
        return RegistryFactory.forScheme(scheme, RegistrySuite.class.getClassLoader()).orElseThrow(
                () -> new IllegalStateException("no RegistryFactory for scheme '" + scheme + "' on the class path"));
    }

    @BeforeEach
    void nameService(TestInfo info) {
        service = "io.weft.test." + info.getTestMethod().orElseThrow().getName() + System.nanoTime();
    }

    @AfterEach
    void closeRegistries() {
        opened.forEach(Registry::close);
        opened.clear();
    }

    /** Closes {@code registry} after the test. */
    protected final Registry opened(Registry registry) {
        opened.add(registry);
        return registry;
    }

    /** The namespace the registries under test write under. */
    protected String namespace() {
        return "weft";
    }

    /** The key of {@link #provider provider(port)}. */
    protected String providerPath(int port) {
        return RegistryPaths.instance(namespace(), service, InstanceRole.PROVIDER, "127.0.0.1:" + port);
    }

    /** Provider {@code 127.0.0.1:port} of {@link #service}, tagged {@code env=stable}. */
    protected ServiceInstance provider(int port) {
        return new ServiceInstance(service, "127.0.0.1:" + port, "app", "127.0.0.1", port, null, null, "1.0.0", 100,
                Map.of("env", "stable"), List.of("greet"), false, 1_764_000_000_000L, null, null);
    }
}
