package io.weft.internal.tls;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.URI;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The application a verified peer certificate names, kept on the channel once the TLS handshake
 * is done. From a SPIFFE-style URI SAN: {@code spiffe://weft/app/web} → {@code web} (the segment
 * after {@code /app/}, else the last path segment); without one, the subject's CN.
 */
public final class PeerIdentity {
    static final AttributeKey<String> KEY = AttributeKey.valueOf(PeerIdentity.class, "identity");
    private static final int SAN_URI = 6;

    private PeerIdentity() {}

    /** The identity of {@code channel}'s peer, if it presented a certificate that was verified. */
    public static Optional<String> of(Channel channel) {
        return Optional.ofNullable(channel.attr(KEY).get());
    }

    /** The identity {@code cert} names, or null if it names none. */
    static String of(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(SAN_URI).equals(san.get(0))
                            && san.get(1) instanceof String uri && uri.startsWith("spiffe://")) {
                        String app = fromSpiffe(uri);
                        if (app != null) {
                            return app;
                        }
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the CN
        }
        return commonName(cert);
    }

    private static String fromSpiffe(String uri) {
        String path;
        try {
            path = URI.create(uri).getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (path == null) {
            return null;
        }
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals("app") && !segments[i + 1].isEmpty()) {
                return segments[i + 1];
            }
        }
        for (int i = segments.length - 1; i >= 0; i--) {
            if (!segments[i].isEmpty()) {
                return segments[i];
            }
        }
        return null;
    }

    private static String commonName(X509Certificate cert) {
        try {
            List<Rdn> rdns = new LdapName(cert.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return rdns.get(i).getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // no usable subject
        }
        return null;
    }
}
