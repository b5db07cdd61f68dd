package io.weft.internal.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The client side of TLS: a handler per new connection to a TLS provider, from the newest
 * (reloading) files. Trusts {@code weft.tls.trust-file}'s CAs (the JDK's trust store when unset)
 * and presents {@code weft.tls.cert-file} when set (for mTLS). Providers are checked by certificate
 * chain only, not by host name: their identity is a workload name, not a DNS name — with
 * {@code weft.client.tls.server-identity} set, that name is checked after the handshake. Thread-safe;
 * with files configured, bad ones fail at creation naming the keys.
 */
public final class ClientTls {
    private final TlsSettings settings;
    private final ReloadingSslContext.Builder builder;
    private volatile ReloadingSslContext context;

    private ClientTls(TlsSettings settings) {
        this.settings = settings;
        this.builder = () -> {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(ServerTls.provider())
                    .endpointIdentificationAlgorithm(null); // chain only: see the class comment
            if (settings.trustFile() != null) {
                b.trustManager(settings.trustFile().toFile());
            }
            if (settings.certFile() != null) {
                b.keyManager(settings.certFile().toFile(), settings.keyFile().toFile());
            }
            return b.build();
        };
        if (settings.certFile() != null || settings.trustFile() != null) {
            context();
        }
    }

    public static ClientTls create(TlsSettings settings) {
        return new ClientTls(settings);
    }

    /** Whether connections to direct addresses (not from a registry node) use TLS: {@code weft.client.tls}. */
    public boolean forDirectAddresses() {
        return settings.clientTls();
    }

    /**
     * {@code weft.client.tls=required}: every provider is reached over TLS, whatever its node says, and
     * a node that says {@code "tls":false} is not called at all.
     */
    public boolean required() {
        return settings.clientTlsRequired();
    }

    /**
     * Checks the provider certificate of a finished handshake against
     * {@code weft.client.tls.server-identity}: it matches the certificate's identity (as
     * {@link PeerIdentity} derives it: the app of a SPIFFE URI, else the CN) or one of its URI SANs
     * exactly.
     *
     * @return null when it matches or no identity is configured, else why not (naming both identities)
     */
    public String checkServerIdentity(SslHandler ssl, String address) {
        String expected = settings.serverIdentity();
        if (expected == null) {
            return null;
        }
        String actual = null;
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                actual = PeerIdentity.of(leaf);
                if (expected.equals(actual) || uriSans(leaf).contains(expected)) {
                    return null;
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // no certificate: refused below
        }
        return "provider " + address + " presented identity '" + actual + "' but " + TlsSettings.CLIENT_SERVER_IDENTITY
                + " requires '" + expected + "'";
    }

    private static List<String> uriSans(X509Certificate cert) {
        List<String> uris = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(6).equals(san.get(0)) && san.get(1) instanceof String uri) {
                        uris.add(uri);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // none usable
        }
        return uris;
    }

    /** Adds TLS at the head of a new connection's pipeline; returns the handler (its handshake future tells the outcome). */
    public SslHandler install(Channel channel, String host, int port) {
        SslHandler ssl = context().get().newHandler(channel.alloc(), host, port);
        ssl.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
        channel.pipeline().addFirst("tls", ssl);
        channel.pipeline().addAfter("tls", "tls-events", TlsEvents.CLIENT);
        return ssl;
    }

    private ReloadingSslContext context() {
        ReloadingSslContext c = context;
        if (c == null) {
            synchronized (this) {
                c = context;
                if (c == null) {
                    c = new ReloadingSslContext(ServerTls.describe(settings),
                            Arrays.asList(settings.certFile(), settings.keyFile(), settings.trustFile()), builder);
                    context = c;
                }
            }
        }
        return c;
    }
}
