package io.weft.spi;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;

/**
 * Creates a {@link Registry} for one address scheme ({@code zookeeper}, {@code etcd}). Found
 * through {@link java.util.ServiceLoader}; the scheme of {@code weft.registry.address} picks it.
 */
public interface RegistryFactory {
    /** The scheme this factory serves, lower case. */
    String scheme();

    /**
     * Connects to {@code address}. Configuration keys specific to the backend (session timeout,
     * lease TTL) are read from {@code config}.
     */
    Registry create(RegistryAddress address, WeftConfig config);
}
