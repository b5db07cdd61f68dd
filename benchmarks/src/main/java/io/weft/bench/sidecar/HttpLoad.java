package io.weft.bench.sidecar;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A keep-alive HTTP/1.1 load client on one Netty event loop (so it takes one core at most): a fixed
 * set of connections to one address, each carrying one request at a time.
 * <ul>
 *   <li>{@link #closedLoop}: every connection sends its next request as soon as the previous answer
 *       arrives (C = the number of connections);</li>
 *   <li>{@link #openLoop}: requests are due at a fixed rate whatever the answers do; a due request
 *       goes out on an idle connection, or waits for one (its latency then counts from when it was
 *       due, so queueing is not hidden).</li>
 * </ul>
 * Latency is from the write to the full answer, in microseconds. An answer that is not 200 with
 * the expected length counts as failed; a connection the server closes is replaced.
 */
final class HttpLoad implements AutoCloseable {
    /** What one measured window saw. */
    record Window(long ok, long failed, double seconds, Histogram latencyMicros) {
        double throughput() {
            return ok / seconds;
        }

        long p(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile);
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final Bootstrap bootstrap;
    private final FullHttpRequest template;
    private final int expectedLength;
    // everything below is confined to `loop`
    private final ArrayDeque<Conn> idle = new ArrayDeque<>();
    private final ArrayDeque<Long> due = new ArrayDeque<>();
    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private boolean running;
    private boolean closedLoop;
    private boolean measuring;
    private long ok;
    private long failed;
    private long nextDue;
    private long intervalNanos;

    HttpLoad(InetSocketAddress target, String path, byte[] body, int expectedLength, int connections) {
        this.expectedLength = expectedLength;
        this.template = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body)));
        template.headers().set(HttpHeaderNames.HOST, target.getHostString() + ":" + target.getPort())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class).remoteAddress(target)
                .option(ChannelOption.TCP_NODELAY, true);
        for (int i = 0; i < connections; i++) {
            Conn c = new Conn();
            c.connect().syncUninterruptibly();
        }
    }

    /** Warms up for {@code warmup}, then measures {@code measure} with every connection busy. */
    Window closedLoop(Duration warmup, Duration measure, Runnable atStart, Runnable atEnd) {
        return run(true, 0, warmup, measure, atStart, atEnd);
    }

    /** Sends {@code perSecond} requests a second whatever the answers do. */
    Window openLoop(int perSecond, Duration warmup, Duration measure, Runnable atStart, Runnable atEnd) {
        return run(false, perSecond, warmup, measure, atStart, atEnd);
    }

    private Window run(boolean closed, int perSecond, Duration warmup, Duration measure, Runnable atStart,
                       Runnable atEnd) {
        onLoop(() -> {
            closedLoop = closed;
            running = true;
            measuring = false;
            if (closed) {
                ArrayDeque<Conn> all = new ArrayDeque<>(idle);
                idle.clear();
                all.forEach(c -> c.send(System.nanoTime()));
            } else {
                intervalNanos = 1_000_000_000L / perSecond;
                nextDue = System.nanoTime();
                tick();
            }
        });
        sleep(warmup);
        onLoop(() -> {
            histogram.reset();
            ok = 0;
            failed = 0;
            measuring = true;
        });
        atStart.run();
        long start = System.nanoTime();
        sleep(measure);
        onLoop(() -> measuring = false);
        double seconds = (System.nanoTime() - start) / 1e9;
        atEnd.run();
        Window w = onLoop(() -> new Window(ok, failed, seconds, histogram.copy()));
        onLoop(() -> running = false);
        // let the requests in flight finish: every connection back to idle
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (onLoop(() -> idle.size() < connectionsOpen) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(10));
        }
        onLoop(due::clear);
        return w;
    }

    private int connectionsOpen;

    private void tick() {
        if (!running || closedLoop) {
            return;
        }
        long now = System.nanoTime();
        while (nextDue <= now) {
            Conn c = idle.poll();
            if (c != null) {
                c.send(now);
            } else {
                due.add(nextDue);
            }
            nextDue += intervalNanos;
        }
        loop.schedule(this::tick, nextDue - now, TimeUnit.NANOSECONDS);
    }

    private void becameIdle(Conn c) {
        if (!running) {
            idle.add(c);
        } else if (closedLoop) {
            c.send(System.nanoTime());
        } else if (!due.isEmpty()) {
            c.send(due.poll());
        } else {
            idle.add(c);
        }
    }

    private final class Conn extends SimpleChannelInboundHandler<FullHttpResponse> {
        private Channel channel;
        private long sentAt;
        private boolean busy;

        io.netty.channel.ChannelFuture connect() {
            Conn self = this;
            return bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), self);
                }
            }).connect().addListener(f -> {
                if (f.isSuccess()) {
                    channel = ((io.netty.channel.ChannelFuture) f).channel();
                    connectionsOpen++;
                    becameIdle(this);
                }
            });
        }

        void send(long since) {
            busy = true;
            sentAt = since;
            channel.writeAndFlush(template.retainedDuplicate(), channel.voidPromise());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            long micros = (System.nanoTime() - sentAt) / 1000;
            busy = false;
            if (measuring) {
                if (response.status().code() == 200 && response.content().readableBytes() == expectedLength) {
                    ok++;
                    histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
                } else {
                    failed++;
                }
            }
            becameIdle(this);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connectionsOpen--;
            idle.remove(this);
            if (busy && measuring) {
                failed++;
            }
            if (!group.isShuttingDown()) {
                new Conn().connect(); // the server closed it: replace it
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) {
        try {
            return loop.submit(task).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("load client loop failed: " + e, e);
        }
    }

    private void onLoop(Runnable task) {
        onLoop(() -> {
            task.run();
            return null;
        });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
