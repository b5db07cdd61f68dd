package io.weft.internal.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.util.Arrays;

/**
 * The client side of TLS: a handler per new connection to a TLS provider, from the newest
 * (reloading) files. Trusts {@code weft.tls.trust-file}'s CAs (the JDK's trust store when unset)
 * and presents {@code weft.tls.cert-file} when set (for mTLS). Providers are checked by certificate
 * chain only, not by host name: their identity is a workload name, not a DNS name. Thread-safe;
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
