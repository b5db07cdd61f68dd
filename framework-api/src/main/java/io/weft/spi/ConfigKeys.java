package io.weft.spi;

import java.util.Collection;

/**
 * The configuration keys a plug-in reads beyond Weft's own catalogue {@link io.weft.WeftKeys}, so that
 * {@link io.weft.WeftConfig#unknownKeyWarnings()} can tell a typo from a key some part of the process
 * knows (DESIGN §7). Weft's modules add their keys to {@code WeftKeys} instead. Plug-ins list an implementation in
 * {@code META-INF/services/io.weft.spi.ConfigKeys}; it is found through {@link java.util.ServiceLoader}
 * once per class loader. Implementations must be cheap and side-effect free.
 */
@FunctionalInterface
public interface ConfigKeys {
    /**
     * The keys this module reads, e.g. {@code weft.server.threads}. An entry ending in {@code '.'} is a
     * prefix: every key under it is known (e.g. {@code weft.sidecar.}).
     *
     * @return the key names and prefixes; may be empty, never null
     */
    Collection<String> keys();
}
