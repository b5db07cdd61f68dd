package io.weft.internal.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.WeftKeys;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops of one Weft instance, shared by its server and its client connections:
 * native epoll when available, NIO otherwise.
 */
public final class Transport implements AutoCloseable {
    private final boolean epoll;
    private final EventLoopGroup boss;
    private final MultiThreadIoEventLoopGroup workers;

    public Transport(int ioThreads) {
        this.epoll = Epoll.isAvailable() && !Boolean.getBoolean(WeftKeys.TRANSPORT_NIO.name());
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("weft-accept", true), factory);
        this.workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("weft-io", true), factory);
    }

    public boolean isEpoll() {
        return epoll;
    }

    public EventLoopGroup boss() {
        return boss;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    /** How many event loops {@link #workers()} has. */
    public int eventLoops() {
        return workers.executorCount();
    }

    public Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> channelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    public void close() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
