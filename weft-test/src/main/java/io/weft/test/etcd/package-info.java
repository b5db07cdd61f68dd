/**
 * Real etcd for tests: {@link io.weft.test.etcd.EtcdExtension} and {@link io.weft.test.etcd.EtcdCluster}
 * start the {@code etcd} binary (or, without one but with Docker, containers) on free loopback ports.
 */
package io.weft.test.etcd;
