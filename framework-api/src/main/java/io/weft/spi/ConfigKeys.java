package io.weft.spi;

import java.util.Collection;

/**
 * The configuration keys one module reads, so that {@link io.weft.WeftConfig#unknownKeyWarnings()} can
 * tell a typo from a key some part of Weft knows (DESIGN §7). Modules list an implementation in
 * {@code META-INF/services/io.weft.spi.ConfigKeys}; it is found through {@link java.util.ServiceLoader}
 * once per class loader. Implementations must be cheap and side-effect free.
 */
@FunctionalInterface
public interface ConfigKeys {
    /**
     * The keys this module reads, e.g. {@code weft.server.threads}. An entry ending in {@code '.'} is a
     * prefix: every key under it is known (e.g. {@code weft.sidecar.}).
     */
    Collection<String> keys();
}
