package io.weft.registry.etcd;

import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS to etcd (DESIGN §7): {@code weft.registry.tls.trust-file} (PEM CA bundle etcd's certificate
 * must chain to; the JDK trust store when unset), {@code cert-file} and {@code key-file} (PEM
 * certificate chain and PKCS#8 key this client presents, for etcd's {@code --client-cert-auth}).
 * Any of them set turns TLS on ({@code https://} endpoints). Immutable.
 *
 * @param trustFile null for the JDK's trust store
 * @param certFile null when no client certificate is presented
 * @param keyFile null exactly when {@code certFile} is
 */
record EtcdTls(Path trustFile, Path certFile, Path keyFile) {
    static final String TRUST_FILE = "weft.registry.tls.trust-file";
    static final String CERT_FILE = "weft.registry.tls.cert-file";
    static final String KEY_FILE = "weft.registry.tls.key-file";

    /**
     * @throws WeftConfigException naming the key when a file is missing or unreadable, or when only one
     *     of cert and key file is given
     */
    static Optional<EtcdTls> from(WeftConfig config) {
        Path trust = config.getReadableFile(TRUST_FILE).orElse(null);
        Path cert = config.getReadableFile(CERT_FILE).orElse(null);
        Path key = config.getReadableFile(KEY_FILE).orElse(null);
        if ((cert == null) != (key == null)) {
            String missing = cert == null ? CERT_FILE : KEY_FILE;
            String given = cert == null ? KEY_FILE : CERT_FILE;
            throw new WeftConfigException("invalid configuration " + missing + ": required together with " + given);
        }
        if (trust == null && cert == null) {
            return Optional.empty();
        }
        return Optional.of(new EtcdTls(trust, cert, key));
    }

}
