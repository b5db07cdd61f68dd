package io.weft.sidecar;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The sidecar's admin endpoint (DESIGN §10, {@code --admin-port}): {@code GET /health} is 200 while
 * the process serves; {@code GET /ready} is 200 while the application is in rotation (its services
 * registered) and the registry session is up, else 503 with the reason; {@code GET /metrics} the
 * Prometheus text of the sidecar's Weft (weft-micrometer is in the sidecar jar).
 */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Supplier<String> notReadyReason; // null when ready
    private final Supplier<String> metrics; // null: no Prometheus registry

    AdminHandler(Supplier<String> notReadyReason, Supplier<String> metrics) {
        this.notReadyReason = notReadyReason;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri();
        HttpResponseStatus status;
        String body;
        String contentType = "text/plain; charset=utf-8";
        if (path.equals("/health")) {
            status = HttpResponseStatus.OK;
            body = "ok\n";
        } else if (path.equals("/ready")) {
            String reason = notReadyReason.get();
            status = reason == null ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
            body = reason == null ? "ready\n" : reason + "\n";
        } else if (path.equals("/metrics")) {
            String text = metrics.get();
            status = text == null ? HttpResponseStatus.NOT_IMPLEMENTED : HttpResponseStatus.OK;
            body = text == null ? "no metrics: weft-micrometer is not on the class path\n" : text;
            contentType = text == null ? contentType : "text/plain; version=0.0.4; charset=utf-8";
        } else {
            status = HttpResponseStatus.NOT_FOUND;
            body = "not found: " + path + " (GET /health, /ready, /metrics)\n";
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
