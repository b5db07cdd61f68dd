package io.weft.spi;

import io.weft.ReferenceOptions;

/**
 * Makes {@link LoadBalancer}s of one kind, found by {@link #name()} through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.weft.spi.LoadBalancerProvider}).
 * Built in: {@code random}, {@code round_robin}, {@code least_active}, {@code consistent_hash},
 * {@code p2c}. A provider of the same name as a built-in one replaces it.
 */
public interface LoadBalancerProvider {
    /** The name references and routing rules use, e.g. {@code p2c}. */
    String name();

    /** A balancer for one reference; {@code options} carries settings such as the hash key. */
    LoadBalancer create(ReferenceOptions options);
}
