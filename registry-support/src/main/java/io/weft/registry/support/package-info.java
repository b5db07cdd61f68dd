/**
 * Internal: what the registry implementations ({@code registry-zookeeper}, {@code registry-etcd})
 * share — the registry layout of DESIGN §5 (paths, instance JSON), {@link AbstractRegistry} with its
 * {@link RuleStore} and {@link AuditLog}, snapshot publishing — plus {@link UnknownKeys}, used by
 * {@code framework-impl} and the console. Depends on the API, Jackson and SLF4J only, so the
 * registries and the console need neither the engine nor Netty for it. Public only so those modules
 * can use it; not an API, may change without notice.
 */
package io.weft.registry.support;
