package io.weft.test.etcd;

import java.nio.file.Path;

/**
 * TLS on etcd's client URL for {@link EtcdExtension#withTls}: the server's certificate and key, and,
 * when {@code clientCa} is not null, {@code --client-cert-auth} with that CA bundle.
 *
 * @param cert PEM certificate etcd presents (must name 127.0.0.1)
 * @param key its PKCS#8 PEM key
 * @param clientCa CA bundle client certificates must chain to; null: no client certificates asked for
 */
public record EtcdServerTls(Path cert, Path key, Path clientCa) {
}
