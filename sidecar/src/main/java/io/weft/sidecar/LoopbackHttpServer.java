package io.weft.sidecar;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP/1.1 server of the sidecar (the outbound port, the admin port): bound to
 * 127.0.0.1 only, with an aggregator limited to the weft/1 frame size, handing each full request to
 * one sharable handler.
 */
final class LoopbackHttpServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;

    LoopbackHttpServer(String name, int port, int maxBodyBytes, ChannelHandler handler) {
        this.group = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("weft-sidecar-" + name, true), NioIoHandler.newFactory());
        try {
            this.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(),
                                    new HttpObjectAggregator(maxBodyBytes), handler);
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " (" + name + " port): " + e, e);
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting; requests in flight finish within {@code drain}. */
    void close(Duration drain) {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, drain.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(drain.toMillis() + 1000);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
