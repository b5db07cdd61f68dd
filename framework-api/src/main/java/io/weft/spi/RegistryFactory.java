package io.weft.spi;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Creates a {@link Registry} for one address scheme ({@code zookeeper}, {@code etcd}). Found
 * through {@link java.util.ServiceLoader}; the scheme of {@code weft.registry.address} picks it.
 */
public interface RegistryFactory {
    /**
     * The scheme this factory serves.
     *
     * @return the lower-case scheme, without {@code ://}, e.g. {@code zookeeper}
     */
    String scheme();

    /**
     * Connects to {@code address}. Configuration keys specific to the backend (session timeout,
     * lease TTL) are read from {@code config}.
     *
     * @param address the parsed {@code weft.registry.address}, whose scheme is {@link #scheme()}
     * @param config the process's configuration, also for credentials and TLS files
     * @return the registry, which the caller closes; it keeps (re)connecting by itself, so it may be
     *     returned before the backend is reachable unless {@code weft.registry.check} is true
     * @throws io.weft.RpcException with {@code UNAVAILABLE} when the backend cannot be reached in time
     *     and {@code weft.registry.check} is true, or when no host of the address resolves
     * @throws io.weft.WeftConfigException when a key of the backend has a bad value
     */
    Registry create(RegistryAddress address, WeftConfig config);

    /**
     * The factory on the class path of {@code loader} that serves {@code scheme}.
     *
     * @param scheme an address scheme such as {@code zookeeper}, compared ignoring case
     * @param loader where to look for {@code META-INF/services} entries
     * @return the first such factory, or empty when no registry module serves the scheme
     */
    static Optional<RegistryFactory> forScheme(String scheme, ClassLoader loader) {
        for (RegistryFactory factory : ServiceLoader.load(RegistryFactory.class, loader)) {
            if (factory.scheme().equalsIgnoreCase(scheme)) {
                return Optional.of(factory);
            }
        }
        return Optional.empty();
    }
}
