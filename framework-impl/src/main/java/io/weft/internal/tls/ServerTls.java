package io.weft.internal.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of TLS: puts an {@link SslHandler} (mode {@code required}) or an
 * {@link OptionalSslHandler} (mode {@code optional}: a TLS ClientHello starts TLS, the {@code WF}
 * magic stays plaintext) at the head of each accepted connection's pipeline, with the newest
 * {@link SslContext} from the (reloading) files and the handshake timeout. Thread-safe.
 */
public final class ServerTls {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private final TlsSettings settings;
    private final ReloadingSslContext context;

    private ServerTls(TlsSettings settings) {
        this.settings = settings;
        SslProvider provider = provider();
        this.context = new ReloadingSslContext(describe(settings),
                Arrays.asList(settings.certFile(), settings.keyFile(), settings.trustFile()), () -> {
                    SslContextBuilder b = SslContextBuilder.forServer(settings.certFile().toFile(),
                            settings.keyFile().toFile()).sslProvider(provider);
                    if (settings.trustFile() != null) {
                        b.trustManager(settings.trustFile().toFile());
                    }
                    return b.clientAuth(switch (settings.clientAuth()) {
                        case NONE -> ClientAuth.NONE;
                        case OPTIONAL -> ClientAuth.OPTIONAL;
                        case REQUIRE -> ClientAuth.REQUIRE;
                    }).build();
                });
        log.info("TLS {} on the server (provider {}, client certificates {})",
                settings.server().name().toLowerCase(), provider, settings.clientAuth().name().toLowerCase());
    }

    /** The server's TLS, or null when {@code weft.server.tls} is {@code off}; fails naming keys on bad files. */
    public static ServerTls create(TlsSettings settings) {
        return settings.server() == TlsSettings.ServerMode.OFF ? null : new ServerTls(settings);
    }

    /** Adds the TLS handlers at the head of a new connection's pipeline. */
    public void install(ChannelPipeline pipeline) {
        SslContext ctx = context.get();
        long timeoutMillis = settings.handshakeTimeout().toMillis();
        if (settings.server() == TlsSettings.ServerMode.REQUIRED) {
            SslHandler ssl = ctx.newHandler(pipeline.channel().alloc());
            ssl.setHandshakeTimeoutMillis(timeoutMillis);
            pipeline.addFirst("tls", ssl);
        } else {
            pipeline.addFirst("tls", new OptionalSslHandler(ctx) {
                @Override
                protected SslHandler newSslHandler(ChannelHandlerContext context, SslContext sslContext) {
                    SslHandler ssl = super.newSslHandler(context, sslContext);
                    ssl.setHandshakeTimeoutMillis(timeoutMillis);
                    return ssl;
                }
            });
        }
        pipeline.addAfter("tls", "tls-events", TlsEvents.SERVER);
    }

    static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    static String describe(TlsSettings s) {
        StringBuilder b = new StringBuilder();
        append(b, TlsSettings.CERT_FILE, s.certFile());
        append(b, TlsSettings.KEY_FILE, s.keyFile());
        append(b, TlsSettings.TRUST_FILE, s.trustFile());
        return b.length() == 0 ? "the JDK's default trust store" : b.toString();
    }

    private static void append(StringBuilder b, String key, Object value) {
        if (value != null) {
            b.append(b.length() == 0 ? "" : ", ").append(key).append("='").append(value).append('\'');
        }
    }
}
