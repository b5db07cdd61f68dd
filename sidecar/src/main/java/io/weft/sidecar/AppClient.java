package io.weft.sidecar;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The sidecar's HTTP/1.1 client to its application (the inbound forward): a pool of keep-alive
 * connections on one Netty event loop, one request at a time per connection (no pipelining), a new
 * connection only when none is idle. Requests are written with one flush, TCP_NODELAY on. All pool
 * state is confined to the loop, so there are no locks; the caller's thread only hands the request
 * over. Failures: a refused connection completes with a {@link java.net.ConnectException}, no full
 * answer within the timeout with {@link HttpTimeoutException} (that connection is closed), a
 * connection lost mid-request with an {@link IOException}.
 */
final class AppClient implements AutoCloseable {
    /** The application's answer: HTTP status and body text. */
    record Response(int status, String body) {}

    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final int MAX_IDLE = 256;

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final String hostHeader;
    private final ArrayDeque<Conn> idle = new ArrayDeque<>(); // confined to loop

    AppClient(URI appUrl, int maxResponseBytes) {
        String host = appUrl.getHost();
        int port = appUrl.getPort() > 0 ? appUrl.getPort() : 80;
        this.hostHeader = host + ":" + port;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("weft-sidecar-app", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
        int maxBytes = Math.min(MAX_RESPONSE_BYTES, Math.max(maxResponseBytes, 64 * 1024));
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .remoteAddress(new InetSocketAddress(host, port))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(maxBytes), new Conn());
                    }
                });
    }

    /**
     * {@code POST path} with the JSON {@code body} and {@code headers} (names an HTTP header cannot carry
     * are left out); the future completes on the client's event loop.
     */
    CompletableFuture<Response> post(String path, String body, Map<String, String> headers, long timeoutMs) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        loop.execute(() -> send(path, body, headers, timeoutMs, result));
        return result;
    }

    private void send(String path, String body, Map<String, String> headers, long timeoutMs,
                      CompletableFuture<Response> result) {
        ByteBuf content = ByteBufUtil.writeUtf8(ByteBufAllocator.DEFAULT, body);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, content);
        HttpHeaders h = request.headers();
        h.set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        for (Map.Entry<String, String> e : headers.entrySet()) {
            try {
                h.add(e.getKey(), e.getValue());
            } catch (IllegalArgumentException notAHeader) {
                // a name or value HTTP cannot carry (e.g. a space in the name): the application does not see it
            }
        }
        Conn conn = idle.pollLast(); // the most recently used: warm, and lets unused ones time out
        if (conn != null) {
            conn.start(request, timeoutMs, result);
            return;
        }
        ChannelFuture connect = bootstrap.connect();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connect.channel().pipeline().get(Conn.class).start(request, timeoutMs, result);
            } else {
                request.release();
                result.completeExceptionally(f.cause());
            }
        });
    }

    /** One connection's state and handler: at most one request in flight. */
    private final class Conn extends SimpleChannelInboundHandler<FullHttpResponse> {
        private Channel channel;
        private CompletableFuture<Response> pending;
        private io.netty.util.concurrent.ScheduledFuture<?> timeout;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel(); // before the connect future's listeners run (they come before channelActive)
        }

        void start(FullHttpRequest request, long timeoutMs, CompletableFuture<Response> result) {
            pending = result;
            timeout = loop.schedule(() -> {
                CompletableFuture<Response> p = pending;
                pending = null;
                channel.close(); // the answer may still come: this connection cannot carry another request
                if (p != null) {
                    p.completeExceptionally(new HttpTimeoutException("no answer within " + timeoutMs + " ms"));
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
            channel.writeAndFlush(request).addListener(f -> {
                if (!f.isSuccess()) {
                    fail(new IOException("writing to the application failed: " + f.cause(), f.cause()));
                    channel.close();
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            CompletableFuture<Response> p = pending;
            pending = null;
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (HttpUtil.isKeepAlive(response) && p != null && idle.size() < MAX_IDLE) {
                idle.addLast(this);
            } else {
                ctx.close();
            }
            if (p != null) {
                p.complete(new Response(response.status().code(), response.content().toString(StandardCharsets.UTF_8)));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            idle.remove(this);
            if (timeout != null) {
                timeout.cancel(false);
            }
            fail(new IOException("the application closed the connection before answering"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause instanceof IOException io ? io : new IOException(cause.toString(), cause));
            ctx.close();
        }

        private void fail(IOException e) {
            CompletableFuture<Response> p = pending;
            pending = null;
            if (p != null) {
                p.completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
