package io.weft.bench.sidecar;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The application behind every row of {@link ProxyHopBenchmark}: a keep-alive HTTP/1.1 server on
 * loopback that answers {@code POST} with its body unchanged ({@code application/json}; a JSON array
 * in is a JSON array out, a valid return value for the sidecar) and {@code GET} (the sidecar's health
 * check) with {@code 200 ok}. Netty, two event-loop threads, no per-request allocation beyond the
 * codec's, so the proxies in front of it are what is measured.
 * Usage: {@code HttpEchoApp PORT} (0 = any free); prints {@code READY <port>}.
 */
public final class HttpEchoApp {
    private static final ByteBuf OK = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII).asReadOnly());

    private HttpEchoApp() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), Echo.INSTANCE);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
        System.out.println("READY " + ((InetSocketAddress) server.localAddress()).getPort());
        System.out.flush();
        server.closeFuture().sync();
    }

    @ChannelHandler.Sharable
    private static final class Echo extends SimpleChannelInboundHandler<FullHttpRequest> {
        static final Echo INSTANCE = new Echo();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            ByteBuf body = HttpMethod.POST.equals(request.method()) ? request.content().retain() : OK.duplicate();
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            ctx.writeAndFlush(response, ctx.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
