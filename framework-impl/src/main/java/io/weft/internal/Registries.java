package io.weft.internal;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;

/** Opens the registry {@code weft.registry.address} names, through the {@link RegistryFactory} of its scheme. */
final class Registries {
    private Registries() {
    }

    /**
     * The configured registry, or {@link NoRegistry} (direct addresses only) when no address is set.
     *
     * @throws WeftConfigException when no registry module on the class path serves the address's scheme
     */
    static Registry open(WeftConfig config) {
        return config.registryAddress().map(a -> create(a, config)).orElse(NoRegistry.INSTANCE);
    }

    private static Registry create(RegistryAddress address, WeftConfig config) {
        return RegistryFactory.forScheme(address.scheme(), Registries.class.getClassLoader())
                .orElseThrow(() -> new WeftConfigException("invalid configuration " + WeftConfig.REGISTRY_ADDRESS
                        + "='" + address + "': no registry module for scheme '" + address.scheme()
                        + "' on the class path (add io.weft:registry-" + address.scheme() + ")"))
                .create(address, config);
    }
}
