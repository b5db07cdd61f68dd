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
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
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
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sidecar's HTTP/1.1 client to its application (the inbound forward): on each event loop of its
 * {@link SidecarLoops}, a pool of keep-alive connections, one request at a time per connection (no
 * pipelining), a new connection only when none is idle. A call made on one of those loops (the weft/1
 * server's, with the sidecar's shared loops) uses that loop's pool, so the request is written, its
 * answer read and the weft/1 response written on one thread; a call from any other thread is handed to
 * one of the loops. Requests are written with one flush, TCP_NODELAY on. Each pool's state is confined
 * to its loop, so there are no locks. Failures: a refused connection completes with a
 * {@link java.net.ConnectException}, no full answer within the timeout with {@link HttpTimeoutException}
 * (that connection is closed), a connection lost mid-request with an {@link IOException}.
 */
final class AppClient implements AutoCloseable {
    /** The application's answer: HTTP status and body text. */
    record Response(int status, String body) {}

    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final int MAX_IDLE = 256;

    private final SidecarLoops loops;
    private final Pool[] pools;
    private final AtomicInteger nextPool = new AtomicInteger();
    private final String hostHeader;

    /** A client on one event loop of its own (closed with it). */
    AppClient(URI appUrl, int maxResponseBytes) {
        this(appUrl, maxResponseBytes, SidecarLoops.own("weft-sidecar-app", 1));
    }

    AppClient(URI appUrl, int maxResponseBytes, SidecarLoops loops) {
        String host = appUrl.getHost();
        int port = appUrl.getPort() > 0 ? appUrl.getPort() : 80;
        this.hostHeader = host + ":" + port;
        this.loops = loops;
        int maxBytes = Math.min(MAX_RESPONSE_BYTES, Math.max(maxResponseBytes, 64 * 1024));
        InetSocketAddress address = new InetSocketAddress(host, port);
        List<Pool> made = new ArrayList<>();
        for (EventExecutor e : loops.group()) {
            made.add(new Pool((EventLoop) e, address, maxBytes));
        }
        this.pools = made.toArray(Pool[]::new);
    }

    /**
     * {@code POST path} with the JSON {@code body} and {@code headers} (names an HTTP header cannot carry
     * are left out); the future completes on the event loop of the connection used.
     */
    CompletableFuture<Response> post(String path, String body, Map<String, String> headers, long timeoutMs) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        for (Pool p : pools) {
            if (p.loop.inEventLoop()) {
                p.send(path, body, headers, timeoutMs, result);
                return result;
            }
        }
        Pool p = pools[Math.floorMod(nextPool.getAndIncrement(), pools.length)];
        p.loop.execute(() -> p.send(path, body, headers, timeoutMs, result));
        return result;
    }

    /** The connections of one event loop; confined to it. */
    private final class Pool {
        final EventLoop loop;
        final Bootstrap bootstrap;
        final ArrayDeque<Conn> idle = new ArrayDeque<>();

        Pool(EventLoop loop, InetSocketAddress address, int maxBytes) {
            this.loop = loop;
            this.bootstrap = new Bootstrap().group(loop).channel(loops.channelType())
                    .remoteAddress(address)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(maxBytes),
                                    new Conn(Pool.this));
                        }
                    });
        }

        void send(String path, String body, Map<String, String> headers, long timeoutMs,
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
    }

    /** One connection's state and handler: at most one request in flight. */
    private static final class Conn extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Pool pool;
        private Channel channel;
        private CompletableFuture<Response> pending;
        private io.netty.util.concurrent.ScheduledFuture<?> timeout;

        Conn(Pool pool) {
            this.pool = pool;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel(); // before the connect future's listeners run (they come before channelActive)
        }

        void start(FullHttpRequest request, long timeoutMs, CompletableFuture<Response> result) {
            pending = result;
            timeout = pool.loop.schedule(() -> {
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
            if (HttpUtil.isKeepAlive(response) && p != null && pool.idle.size() < MAX_IDLE) {
                pool.idle.addLast(this);
            } else {
                ctx.close();
            }
            if (p != null) {
                p.complete(new Response(response.status().code(), response.content().toString(StandardCharsets.UTF_8)));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            pool.idle.remove(this);
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
        if (loops.owned()) {
            loops.close();
        } else {
            for (Pool p : pools) { // the loops stay (until their Weft closes): close this client's idle connections
                try {
                    p.loop.execute(() -> {
                        p.idle.forEach(c -> c.channel.close());
                        p.idle.clear();
                    });
                } catch (RejectedExecutionException stopped) {
                    // the loops stopped already, and their channels with them
                }
            }
        }
    }
}
