package io.weft.bench.compare;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The practical limit: raw Netty, frames of {@code u32 length, u64 id, UTF-8 text}. The server
 * writes each frame back unchanged on its event loop and flushes once per read batch; the client
 * multiplexes callers on one connection by id. No serialization framework, no thread hand-off.
 */
final class NettyStack implements Stack {
    private static final boolean EPOLL = Epoll.isAvailable();

    private static EventLoopGroup group(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    private static LengthFieldBasedFrameDecoder frames() {
        return new LengthFieldBasedFrameDecoder(16 << 20, 0, 4, 0, 4);
    }

    /** Each channel's pipeline: the length-prefixed framing, then a new handler from {@code handler}. */
    private static ChannelInitializer<SocketChannel> framed(Supplier<ChannelHandler> handler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(frames(), handler.get());
            }
        };
    }

    @Override
    public Server serve(int port) throws Exception {
        EventLoopGroup boss = group(1);
        EventLoopGroup workers = group(0);
        Channel server = new ServerBootstrap().group(boss, workers)
                .channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(framed(() -> new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf frame = (ByteBuf) msg;
                        ByteBuf length = ctx.alloc().buffer(4).writeInt(frame.readableBytes());
                        ctx.write(length, ctx.voidPromise());
                        ctx.write(frame, ctx.voidPromise());
                    }

                    @Override
                    public void channelReadComplete(ChannelHandlerContext ctx) {
                        ctx.flush();
                    }
                })).bind("127.0.0.1", port).sync().channel();
        return Server.of("-", () -> {
            server.close().syncUninterruptibly();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        });
    }

    @Override
    public Client connect(String host, int port, String info) throws Exception {
        EventLoopGroup group = group(1);
        ConcurrentHashMap<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
        AtomicLong ids = new AtomicLong();
        Channel channel = new Bootstrap().group(group)
                .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(framed(() -> new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf frame = (ByteBuf) msg;
                        try {
                            CompletableFuture<String> f = pending.remove(frame.readLong());
                            if (f != null) {
                                f.complete(frame.toString(StandardCharsets.UTF_8));
                            }
                        } finally {
                            frame.release();
                        }
                    }
                })).connect(host, port).sync().channel();
        return new Client() {
            @Override
            public String echo(String text) {
                long id = ids.incrementAndGet();
                CompletableFuture<String> reply = new CompletableFuture<>();
                pending.put(id, reply);
                ByteBuf buf = channel.alloc().buffer(12 + text.length());
                buf.writeInt(0).writeLong(id);
                buf.writeCharSequence(text, StandardCharsets.UTF_8);
                buf.setInt(0, buf.readableBytes() - 4);
                channel.writeAndFlush(buf, channel.voidPromise());
                try {
                    return reply.get(5, TimeUnit.SECONDS);
                } catch (InterruptedException | ExecutionException | TimeoutException e) {
                    pending.remove(id);
                    throw new IllegalStateException("echo " + id + " failed", e);
                }
            }

            @Override
            public void close() {
                channel.close().syncUninterruptibly();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        };
    }
}
