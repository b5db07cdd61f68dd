package io.weft.spi;

import io.weft.ReferenceOptions;

/**
 * Makes {@link LoadBalancer}s of one kind, found by {@link #name()} through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.weft.spi.LoadBalancerProvider}).
 * Built in: {@code random}, {@code round_robin}, {@code least_active}, {@code consistent_hash},
 * {@code p2c}. A provider of the same name as a built-in one replaces it.
 */
public interface LoadBalancerProvider {
    /**
     * The name references and routing rules use.
     *
     * @return lower-case letters, digits and {@code _}, e.g. {@code p2c}
     */
    String name();

    /**
     * A balancer for one reference, or for one balancer name a routing rule gives. Called when the
     * reference is made or the rule first used, off the call path.
     *
     * @param options the reference's options, carrying settings such as {@link ReferenceOptions#hashKey()}
     * @return a new balancer; it may keep state of its own (e.g. a round-robin counter)
     */
    LoadBalancer create(ReferenceOptions options);
}
