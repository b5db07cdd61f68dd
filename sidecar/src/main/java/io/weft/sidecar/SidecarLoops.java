package io.weft.sidecar;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.Weft;
import io.weft.internal.SharedTransport;
import io.weft.internal.transport.Transport;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops a sidecar socket runs on. Normally the embedded Weft instance's own
 * ({@link #of(Weft)}): the outbound HTTP port, the weft/1 connections and the connections to the
 * application then share the same few threads, so a request is read, forwarded and answered without
 * waking another thread whenever its sockets sit on one loop (always with one loop). Those loops stop
 * with the Weft instance, not with {@link #close()}. {@link #own} makes a group of its own (tests, the
 * admin port), which {@link #close()} stops.
 */
record SidecarLoops(EventLoopGroup group, Class<? extends ServerChannel> serverChannelType,
                    Class<? extends SocketChannel> channelType, boolean owned) implements AutoCloseable {

    /** The loops of {@code weft} when it shares them, else a group of its own with one loop per core. */
    static SidecarLoops of(Weft weft) {
        if (weft instanceof SharedTransport shared) {
            Transport t = shared.transport();
            return new SidecarLoops(t.workers(), t.serverChannelType(), t.channelType(), false);
        }
        return own("weft-sidecar-io", Runtime.getRuntime().availableProcessors());
    }

    /** A NIO group of {@code threads} loops, stopped by {@link #close()}. */
    static SidecarLoops own(String name, int threads) {
        return new SidecarLoops(new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                NioIoHandler.newFactory()), NioServerSocketChannel.class, NioSocketChannel.class, true);
    }

    /** Stops the loops if they are this sidecar's own; waits up to {@code drainMs} for work in flight. */
    void close(long drainMs) {
        if (owned) {
            group.shutdownGracefully(0, drainMs, TimeUnit.MILLISECONDS).awaitUninterruptibly(drainMs + 1000);
        }
    }

    @Override
    public void close() {
        close(1000);
    }
}
