package io.weft.sidecar;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;

/** The tests' own registry client, to read nodes and write rules as an operator would. */
final class AdminRegistry {
    private AdminRegistry() {}

    /** A client of the registry at {@code address} ({@code zookeeper://…} or {@code etcd://…}); close it after use. */
    static Registry open(String address) {
        RegistryAddress parsed = RegistryAddress.parse(address);
        return RegistryFactory.forScheme(parsed.scheme(), AdminRegistry.class.getClassLoader()).orElseThrow()
                .create(parsed, WeftConfig.empty());
    }
}
