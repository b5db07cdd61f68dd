package io.weft.sidecar;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A loopback HTTP/1.1 server of the sidecar (the outbound port, the admin port): bound to
 * 127.0.0.1 only, with an aggregator limited to the weft/1 frame size, handing each full request to
 * one sharable handler, on the given {@link SidecarLoops}.
 */
final class LoopbackHttpServer implements AutoCloseable {
    private final SidecarLoops loops;
    private final Channel channel;

    LoopbackHttpServer(String name, int port, int maxBodyBytes, ChannelHandler handler, SidecarLoops loops) {
        this.loops = loops;
        try {
            this.channel = new ServerBootstrap().group(loops.group()).channel(loops.serverChannelType())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(),
                                    new HttpObjectAggregator(maxBodyBytes), handler);
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            loops.close(0);
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " (" + name + " port): " + e, e);
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Stops accepting; on loops of its own, requests in flight finish within {@code drain}. On shared
     * loops that stopped already (their Weft closed) the channel is closed with them.
     */
    void close(Duration drain) {
        channel.close().awaitUninterruptibly();
        loops.close(drain.toMillis());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
