package io.weft.internal.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right behind the {@link SslHandler}: logs a failed handshake (or a TLS alert after it, as a
 * TLS 1.3 client gets when the server refuses its certificate) as one clear warning and closes;
 * on the server, keeps the verified peer certificate's {@link PeerIdentity} on the channel.
 * Sharable and stateless.
 */
@ChannelHandler.Sharable
final class TlsEvents extends ChannelInboundHandlerAdapter {
    static final TlsEvents SERVER = new TlsEvents("server");
    static final TlsEvents CLIENT = new TlsEvents("client");
    private static final Logger log = LoggerFactory.getLogger(TlsEvents.class);

    private final String side;

    private TlsEvents(String side) {
        this.side = side;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                established(ctx);
            } else {
                log.warn("TLS handshake with {} failed ({}): {}", ctx.channel().remoteAddress(), side,
                        describe(done.cause()));
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (sslCause(cause) != null && ssl != null && ssl.handshakeFuture().isSuccess()) {
            log.warn("TLS with {} failed after the handshake ({}): {}", ctx.channel().remoteAddress(), side,
                    describe(cause));
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void established(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null || this != SERVER) {
            return;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                String identity = PeerIdentity.of(leaf);
                ctx.channel().attr(PeerIdentity.KEY).set(identity);
                log.debug("TLS from {}: peer identity {}", ctx.channel().remoteAddress(), identity);
            }
        } catch (SSLPeerUnverifiedException e) {
            log.debug("TLS from {}: no client certificate", ctx.channel().remoteAddress());
        }
    }

    private static SSLException sslCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof NotSslRecordException) {
                return "not a TLS record (a plaintext client?)";
            }
        }
        SSLException ssl = sslCause(t);
        Throwable shown = ssl != null ? ssl : t;
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        Throwable root = shown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root != shown && root.getMessage() != null ? message + " (" + root.getMessage() + ")" : message;
    }
}
