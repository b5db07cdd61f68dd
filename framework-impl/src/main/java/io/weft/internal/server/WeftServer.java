package io.weft.internal.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.weft.GenericService;
import io.weft.ServerHandler;
import io.weft.ServerInterceptor;
import io.weft.Status;
import io.weft.internal.chain.FilterChains;
import io.weft.internal.governance.CallAdmission;
import io.weft.internal.governance.ConnectionGuard;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.tls.ServerTls;
import io.weft.internal.transport.FrameDecoder;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Transport;
import io.weft.spi.Serialization;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider side: one listening socket serving every exported service. Shutdown is graceful:
 * stop accepting, GOAWAY to every consumer, wait (bounded) for calls in flight, then close.
 *
 * <p>Each connection's pipeline: TLS (when configured), flush consolidation, the frame decoder
 * (size limit, frame read timeout, metadata entries), the connection guard (per-IP limits), peer control
 * (PING rate, backpressure, idle timeout), the
 * dispatcher (per-connection in-flight limit, bounded business queue). A connection beyond
 * {@code maxConnections} is closed as soon as it is accepted.
 */
public final class WeftServer {
    private static final Logger log = LoggerFactory.getLogger(WeftServer.class);
    private static final long QUIET_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long REFUSAL_LOG_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Transport transport;
    private final ServerSettings settings;
    private final BusinessExecutor executor; // null: direct dispatch, no business threads
    private final ChannelGroup channels = new DefaultChannelGroup("weft-server", GlobalEventExecutor.INSTANCE);
    private final ServerStats stats;
    private final ServerDispatcher dispatcher;
    private final ConnectionGuard connectionGuard; // null: no per-IP limits
    private final ServerTls tls; // null: plaintext only
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicLong lastRefusalLogNanos = new AtomicLong(System.nanoTime() - REFUSAL_LOG_NANOS);
    private volatile Map<String, ServiceSkeleton> services = Map.of();
    private final JsonSerialization json;
    private final ServerWarmup warmup;
    private Channel serverChannel;

    public WeftServer(Transport transport, ServerSettings settings, Serialization serialization,
                      List<ServerInterceptor> interceptors) {
        this(transport, settings, serialization, interceptors, null);
    }

    /** @param connectionGuard per-IP limits placed right after the frame decoder; null for none */
    public WeftServer(Transport transport, ServerSettings settings, Serialization serialization,
                      List<ServerInterceptor> interceptors, ConnectionGuard connectionGuard) {
        this(transport, settings, serialization, interceptors, connectionGuard, null, JsonSerialization.withDefaults(),
                null);
    }

    /**
     * @param connectionGuard per-IP limits placed right after the frame decoder; null for none
     * @param tls TLS at the head of each connection's pipeline; null for plaintext only
     * @param json how JSON requests (serialization 2) are read and answered
     * @param listener told of every call that ends here (DESIGN §10); null: nobody listens
     */
    public WeftServer(Transport transport, ServerSettings settings, Serialization serialization,
                      List<ServerInterceptor> interceptors, ConnectionGuard connectionGuard, ServerTls tls,
                      JsonSerialization json, io.weft.spi.CallListener listener) {
        this.stats = new ServerStats(listener);
        this.json = json;
        this.transport = transport;
        this.tls = tls;
        this.connectionGuard = connectionGuard;
        this.settings = settings;
        this.executor = businessExecutor(settings);
        // Direct: the event loop that read the request runs the call and writes the answer itself.
        Executor dispatch = executor == null ? Runnable::run : executor;
        QueueAdmission admission = settings.directDispatch() ? null
                : new QueueAdmission(settings.businessThreads(), settings.maxQueueWait().toNanos());
        this.dispatcher = new ServerDispatcher(() -> services, dispatch, serialization, chainOf(interceptors), stats,
                settings.maxInFlightPerConnection(), admissionsOf(interceptors), admission, json);
        this.warmup = new ServerWarmup(serialization, json, settings);
    }

    /**
     * The business executor, every thread started and kept for the server's life. A pool that grows on
     * demand starts its threads in {@code execute()}, that is on the event loop, one per request, at
     * the worst moment: in the first half-second of a burst after an idle spell, starting 150 threads
     * held every other request of the loop (provider intake fell to ~300 requests/s;
     * docs/architecture.md, "Queue admission").
     */
    static BusinessExecutor businessExecutor(ServerSettings settings) {
        if (settings.directDispatch()) { // direct dispatch runs calls on the event loop: no thread is used
            return null;
        }
        return new BusinessExecutor(settings.businessThreads(), settings.queueSize(),
                new DefaultThreadFactory("weft-biz", true));
    }

    /** The interceptors that can also decide a call from its metadata alone, before its arguments are decoded. */
    private static List<CallAdmission> admissionsOf(List<ServerInterceptor> interceptors) {
        List<CallAdmission> admissions = new ArrayList<>();
        for (ServerInterceptor interceptor : interceptors) {
            if (interceptor instanceof CallAdmission admission) {
                admissions.add(admission);
            }
        }
        return List.copyOf(admissions);
    }

    private static ServerHandler chainOf(List<ServerInterceptor> interceptors) {
        if (interceptors.isEmpty()) {
            return null;
        }
        return FilterChains.server(interceptors, CallRunner::invokeService);
    }

    /** Binds {@code host:port} (port 0 = any free port) and starts serving. */
    public synchronized InetSocketAddress start(String bindHost, int port) {
        if (serverChannel != null) {
            return localAddress();
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.boss(), transport.workers())
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        settings.writeBufferHighWaterMark() / 2, settings.writeBufferHighWaterMark()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!admit(ch)) {
                            return;
                        }
                        channels.add(ch);
                        if (tls != null) {
                            tls.install(ch.pipeline());
                        }
                        long idleMillis = settings.idleTimeout().toMillis();
                        ch.pipeline().addLast(
                                new FlushConsolidationHandler(256, true),
                                new FrameDecoder(settings.maxFrameBytes(), settings.frameReadTimeout().toMillis(),
                                        settings.maxMetadataEntries()));
                        if (connectionGuard != null) {
                            ch.pipeline().addLast(connectionGuard);
                        }
                        ch.pipeline().addLast(
                                new PeerControl(idleMillis, settings.maxPingsPerSecond(),
                                        () -> ServerDispatcher.inFlight(ch)),
                                dispatcher);
                    }
                });
        InetSocketAddress bind = bindHost == null ? new InetSocketAddress(port) : new InetSocketAddress(bindHost, port);
        var bound = bootstrap.bind(bind).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot listen on " + bind + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        serverChannel = bound.channel();
        log.info("weft server listening on {} ({})", serverChannel.localAddress(),
                transport.isEpoll() ? "epoll" : "nio");
        return localAddress();
    }

    /** Counts the new connection, or closes it at once when {@code maxConnections} are open already. */
    private boolean admit(SocketChannel ch) {
        if (openConnections.incrementAndGet() > settings.maxConnections()) {
            openConnections.decrementAndGet();
            long last = lastRefusalLogNanos.get();
            long now = System.nanoTime();
            if (now - last >= REFUSAL_LOG_NANOS && lastRefusalLogNanos.compareAndSet(last, now)) {
                log.warn("refusing connections (e.g. from {}): {} open, limit {} ({})", ch.remoteAddress(),
                        settings.maxConnections(), settings.maxConnections(), ServerSettings.MAX_CONNECTIONS);
            }
            ch.close();
            return false;
        }
        ch.closeFuture().addListener(f -> openConnections.decrementAndGet());
        return true;
    }

    /** Connections open now (for tests and status). */
    public int openConnections() {
        return openConnections.get();
    }

    public synchronized InetSocketAddress localAddress() {
        return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Adds a service to the dispatch table; returns its method names. Its request path is warmed first
     * ({@link ServerWarmup}: no user code runs), so that the first requests find it loaded.
     */
    public synchronized List<String> export(Class<?> serviceInterface, Object implementation) {
        ServiceSkeleton skeleton = new ServiceSkeleton(serviceInterface, implementation, json);
        if (!services.containsKey(skeleton.service())) {
            warmup.run(serviceInterface);
        }
        return add(skeleton);
    }

    private List<String> add(ServiceSkeleton skeleton) {
        if (services.containsKey(skeleton.service())) {
            throw new IllegalStateException(skeleton.service() + " is already exported");
        }
        Map<String, ServiceSkeleton> copy = new HashMap<>(services);
        copy.put(skeleton.service(), skeleton);
        services = Map.copyOf(copy);
        return skeleton.methodNames();
    }

    /** Adds a generic (JSON-only) export to the dispatch table; returns its method names. */
    public synchronized List<String> exportGeneric(String service, List<String> methods, GenericService handler) {
        return add(ServiceSkeleton.generic(service, methods, handler));
    }

    public synchronized void unexport(String service) {
        Map<String, ServiceSkeleton> copy = new HashMap<>(services);
        copy.remove(service);
        services = Map.copyOf(copy);
    }

    public ServerStats stats() {
        return stats;
    }

    /**
     * Stops accepting, sends GOAWAY, waits up to {@code timeout} for calls in flight (and a short
     * quiet period for requests already on the wire), then closes every connection.
     */
    public void shutdown(Duration timeout) {
        Channel listening;
        synchronized (this) {
            listening = serverChannel;
        }
        if (listening != null) {
            listening.close().syncUninterruptibly();
        }
        for (Channel ch : channels) {
            ch.writeAndFlush(FrameWriter.goAway(ch.alloc(), Status.OK, "server shutting down"));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            boolean idle = stats.inFlight() == 0;
            boolean quiet = System.nanoTime() - stats.lastRequestNanos > QUIET_PERIOD_NANOS;
            if (idle && quiet) {
                break;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (stats.inFlight() > 0) {
            log.warn("closing with {} calls still in flight after {}", stats.inFlight(), timeout);
        }
        channels.close().awaitUninterruptibly(timeout.toMillis() + 1000);
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
