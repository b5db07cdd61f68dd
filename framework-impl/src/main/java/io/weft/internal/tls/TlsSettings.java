package io.weft.internal.tls;

import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.WeftKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * TLS settings of one Weft instance, read from configuration. Every key is checked at start-up: an
 * unknown word, a missing file or a mode that lacks the files it needs fails with a
 * {@link WeftConfigException} naming the key and the value.
 *
 * @param certFile PEM certificate chain this side presents; null if none
 * @param keyFile PKCS#8 PEM private key of {@code certFile}; null if none
 * @param trustFile PEM CA bundle peers' certificates are checked against; null for the JDK's trust store
 * @param server whether the server speaks TLS
 * @param clientAuth whether the server asks for (and checks) client certificates
 * @param clientTls whether the client uses TLS to direct addresses (registry nodes say it themselves)
 * @param handshakeTimeout how long a TLS handshake may take before the connection is closed
 * @param clientTlsRequired {@code weft.client.tls=required}: TLS to every provider whatever its node
 *     says; a node saying {@code "tls":false} is not called
 * @param serverIdentity {@code weft.client.tls.server-identity}: the identity every provider's
 *     certificate must name (see {@link ClientTls#checkServerIdentity}); null: any trusted certificate
 */
public record TlsSettings(Path certFile, Path keyFile, Path trustFile, ServerMode server, ClientAuthMode clientAuth,
                          boolean clientTls, Duration handshakeTimeout, boolean clientTlsRequired,
                          String serverIdentity) {
    public static final String CERT_FILE = WeftKeys.TLS_CERT_FILE.name();
    public static final String KEY_FILE = WeftKeys.TLS_KEY_FILE.name();
    public static final String TRUST_FILE = WeftKeys.TLS_TRUST_FILE.name();
    public static final String HANDSHAKE_TIMEOUT_MS = WeftKeys.TLS_HANDSHAKE_TIMEOUT.name();
    public static final String SERVER_TLS = WeftKeys.SERVER_TLS.name();
    public static final String SERVER_CLIENT_AUTH = WeftKeys.SERVER_TLS_CLIENT_AUTH.name();
    public static final String CLIENT_TLS = WeftKeys.CLIENT_TLS.name();
    public static final String CLIENT_SERVER_IDENTITY = WeftKeys.CLIENT_TLS_SERVER_IDENTITY.name();

    /** {@code off}: plaintext only; {@code optional}: TLS or plaintext, told apart by the first byte; {@code required}: TLS only. */
    public enum ServerMode { OFF, OPTIONAL, REQUIRED }

    /** Client certificates: not asked for, checked when given, or required. */
    public enum ClientAuthMode { NONE, OPTIONAL, REQUIRE }

    public static TlsSettings from(WeftConfig config) {
        Path cert = config.get(WeftKeys.TLS_CERT_FILE);
        Path key = config.get(WeftKeys.TLS_KEY_FILE);
        Path trust = config.get(WeftKeys.TLS_TRUST_FILE);
        ServerMode server = ServerMode.valueOf(config.get(WeftKeys.SERVER_TLS).toUpperCase(Locale.ROOT));
        ClientAuthMode clientAuth =
                ClientAuthMode.valueOf(config.get(WeftKeys.SERVER_TLS_CLIENT_AUTH).toUpperCase(Locale.ROOT));
        if ((cert == null) != (key == null)) {
            String missing = cert == null ? CERT_FILE : KEY_FILE;
            String given = cert == null ? KEY_FILE : CERT_FILE;
            throw new WeftConfigException("invalid configuration " + missing + ": required together with " + given);
        }
        if (server != ServerMode.OFF && cert == null) {
            throw new WeftConfigException("invalid configuration " + SERVER_TLS + "='"
                    + server.name().toLowerCase(Locale.ROOT) + "': needs " + CERT_FILE + " and " + KEY_FILE);
        }
        if (clientAuth != ClientAuthMode.NONE && trust == null) {
            throw new WeftConfigException("invalid configuration " + SERVER_CLIENT_AUTH + "='"
                    + clientAuth.name().toLowerCase(Locale.ROOT) + "': needs " + TRUST_FILE
                    + " (the CAs client certificates must chain to)");
        }
        String clientTls = config.get(WeftKeys.CLIENT_TLS);
        boolean required = clientTls.equals("required");
        String identity = config.get(WeftKeys.CLIENT_TLS_SERVER_IDENTITY);
        if (identity != null && !required) {
            throw new WeftConfigException("invalid configuration " + CLIENT_SERVER_IDENTITY + "='" + identity
                    + "': needs " + CLIENT_TLS + "=required (a provider's identity is only known over TLS)");
        }
        return new TlsSettings(cert, key, trust, server, clientAuth, required || clientTls.equals("true"),
                config.get(WeftKeys.TLS_HANDSHAKE_TIMEOUT), required, identity);
    }
}
