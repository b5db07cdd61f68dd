/**
 * Internal: the registry layout (paths and instance JSON of DESIGN §5) shared by the registry
 * implementations ({@code registry-zookeeper}, {@code registry-etcd}). Public only so those modules
 * can use it; not an API, may change without notice.
 */
package io.weft.registry.support;
