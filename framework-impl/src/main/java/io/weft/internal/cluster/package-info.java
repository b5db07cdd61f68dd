/**
 * Built-in load balancers ({@code random}, {@code round_robin}, {@code least_active},
 * {@code consistent_hash}, {@code p2c}), found by name through {@link io.weft.spi.LoadBalancerProvider}.
 * Only the providers are public, because {@link java.util.ServiceLoader} needs them to be.
 */
package io.weft.internal.cluster;
