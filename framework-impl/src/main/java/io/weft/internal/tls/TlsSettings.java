package io.weft.internal.tls;

import io.weft.WeftConfig;
import io.weft.WeftConfigException;
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
    public static final String CERT_FILE = "weft.tls.cert-file";
    public static final String KEY_FILE = "weft.tls.key-file";
    public static final String TRUST_FILE = "weft.tls.trust-file";
    public static final String HANDSHAKE_TIMEOUT_MS = "weft.tls.handshake-timeout-ms";
    public static final String SERVER_TLS = "weft.server.tls";
    public static final String SERVER_CLIENT_AUTH = "weft.server.tls.client-auth";
    public static final String CLIENT_TLS = "weft.client.tls";
    public static final String CLIENT_SERVER_IDENTITY = "weft.client.tls.server-identity";

    /** {@code off}: plaintext only; {@code optional}: TLS or plaintext, told apart by the first byte; {@code required}: TLS only. */
    public enum ServerMode { OFF, OPTIONAL, REQUIRED }

    /** Client certificates: not asked for, checked when given, or required. */
    public enum ClientAuthMode { NONE, OPTIONAL, REQUIRE }

    public static TlsSettings from(WeftConfig config) {
        Path cert = config.getReadableFile(CERT_FILE).orElse(null);
        Path key = config.getReadableFile(KEY_FILE).orElse(null);
        Path trust = config.getReadableFile(TRUST_FILE).orElse(null);
        ServerMode server = word(config, SERVER_TLS, ServerMode.class, ServerMode.OFF, "off, optional or required");
        ClientAuthMode clientAuth = word(config, SERVER_CLIENT_AUTH, ClientAuthMode.class, ClientAuthMode.NONE,
                "none, optional or require");
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
        String clientTls = config.get(CLIENT_TLS).map(String::trim).orElse("").toLowerCase(Locale.ROOT);
        boolean required = clientTls.equals("required");
        if (!required && !clientTls.isEmpty() && !clientTls.equals("true") && !clientTls.equals("false")) {
            throw WeftConfigException.badValue(CLIENT_TLS, clientTls, "expected false, true or required");
        }
        String identity = config.get(CLIENT_SERVER_IDENTITY).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        if (identity != null && !required) {
            throw new WeftConfigException("invalid configuration " + CLIENT_SERVER_IDENTITY + "='" + identity
                    + "': needs " + CLIENT_TLS + "=required (a provider's identity is only known over TLS)");
        }
        return new TlsSettings(cert, key, trust, server, clientAuth, required || clientTls.equals("true"),
                config.getMillis(HANDSHAKE_TIMEOUT_MS, 10_000, 1), required, identity);
    }


    private static <E extends Enum<E>> E word(WeftConfig config, String key, Class<E> type, E defaultValue,
                                              String expected) {
        String raw = config.get(key).map(String::trim).orElse("");
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw WeftConfigException.badValue(key, raw, "expected " + expected);
        }
    }
}
