package io.weft.internal.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.Timer;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.weft.ServiceInstance;
import io.weft.UnprocessedRequestException;
import io.weft.internal.tls.ClientTls;
import io.weft.internal.transport.FrameDecoder;
import io.weft.internal.transport.Transport;
import io.weft.spi.Serialization;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * One connection per provider address, opened lazily on first use and reopened with exponential
 * backoff after it drops. While backing off, calls fail fast with {@link UnprocessedRequestException} so the
 * cluster can pick another instance. A connection to an address that {@code usesTls} names is
 * usable only once its TLS handshake is done; a failed handshake counts as a failed connect. With
 * {@code weft.client.tls=required} every connection is TLS, and a provider certificate that does
 * not name {@code weft.client.tls.server-identity} counts as a failed connect too. On a plaintext
 * connection, calls carrying {@code :token} are refused unless {@code weft.client.token.allow-plaintext}.
 */
final class ConnectionPool implements AutoCloseable {
    private static final long INITIAL_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Transport transport;
    private final ClientSettings settings;
    private final Serialization serialization;
    private final Timer timer;
    private final ConnectionListener listener;
    private final ClientTls tls;
    private final Predicate<String> usesTls;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ConnectionPool(Transport transport, ClientSettings settings, Serialization serialization, Timer timer,
                   ConnectionListener listener) {
        this(transport, settings, serialization, timer, listener, null, address -> false);
    }

    /** @param usesTls whether the provider at {@code host:port} speaks TLS; asked once per new connection */
    ConnectionPool(Transport transport, ClientSettings settings, Serialization serialization, Timer timer,
                   ConnectionListener listener, ClientTls tls, Predicate<String> usesTls) {
        this.tls = tls;
        this.usesTls = usesTls;
        this.listener = listener;
        this.transport = transport;
        this.settings = settings;
        this.serialization = serialization;
        this.timer = timer;
    }

    /** The usable connection to {@code address} ({@code host:port}) now, or null (then use {@link #acquire}). */
    ClientConnection usable(String address) {
        Slot slot = slots.get(address);
        if (slot == null) {
            return null;
        }
        ClientConnection c = slot.current;
        return c != null && c.isUsable() ? c : null;
    }

    /** A usable connection to {@code host:port}, connecting if needed. */
    CompletableFuture<ClientConnection> acquire(String host, int port) {
        if (closed) {
            return CompletableFuture.failedFuture(new UnprocessedRequestException("client is closed"));
        }
        String address = host + ":" + port;
        return slots.computeIfAbsent(address, a -> new Slot(host, port)).acquire();
    }

    /**
     * Sends {@code call} to {@code i} over its usable connection, opening one first if needed.
     *
     * @param address {@code i}'s {@code host:port}, made once per instance rather than per call
     * @param accepts the serializations {@code i} lists (bits {@code 1 << id})
     */
    CompletableFuture<Object> send(ServiceInstance i, String address, int accepts, OutgoingCall call) {
        ClientConnection connection = usable(address);
        try {
            return connection != null
                    ? send(connection, call, accepts)
                    : acquire(i.host(), i.port()).thenCompose(c -> send(c, call, accepts));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Object> send(ClientConnection connection, OutgoingCall call, int accepts) {
        if (call.isCancelled()) { // e.g. while the connection was being opened
            return CompletableFuture.failedFuture(call.cancelledError());
        }
        // A generic call's encoded arguments are not decoded here: null lets CallWriter send them as they are.
        return connection.send(call.method, accepts, call.encodedArguments == null ? call.arguments() : null,
                call.metadataToSend(), call.deadline(),
                call.oneWay(), call);
    }

    /** Connects to {@code i} if needed and PINGs it; completes when it answered within the connect timeout. */
    CompletableFuture<Void> ping(ServiceInstance i) {
        return acquire(i.host(), i.port()).thenCompose(c -> c.ping(settings.connectTimeout().toMillis()));
    }

    /** Number of connections being used or drained; for tests and status. */
    int size() {
        return slots.size();
    }

    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots.values()) {
            slot.close();
        }
        slots.clear();
    }

    private final class Slot {
        private final String host;
        private final int port;
        private final String address;
        volatile ClientConnection current;
        private CompletableFuture<ClientConnection> connecting;
        private long retryAtNanos;
        private long backoffNanos = INITIAL_BACKOFF_NANOS;

        Slot(String host, int port) {
            this.host = host;
            this.port = port;
            this.address = host + ":" + port;
        }

        synchronized CompletableFuture<ClientConnection> acquire() {
            ClientConnection c = current;
            if (c != null && c.isUsable()) {
                return CompletableFuture.completedFuture(c);
            }
            if (connecting != null) {
                return connecting;
            }
            long now = System.nanoTime();
            if (now - retryAtNanos < 0) {
                return CompletableFuture.failedFuture(new UnprocessedRequestException("cannot connect to " + address
                        + "; retrying in " + TimeUnit.NANOSECONDS.toMillis(retryAtNanos - now) + " ms"));
            }
            CompletableFuture<ClientConnection> attempt = new CompletableFuture<>();
            connecting = attempt;
            ClientConnection connection = new ClientConnection(address, serialization, timer, this::onEvent,
                    settings.health());
            connect(connection).addListener((Future<Channel> f) -> connected(attempt, connection, f));
            return attempt;
        }

        /** Passes on events of the slot's current connection only: a draining old one no longer counts. */
        private void onEvent(String address, ConnectionListener.Event event) {
            if (event == ConnectionListener.Event.GOAWAY || event == ConnectionListener.Event.CLOSED) {
                ClientConnection c = current;
                if (c != null && c.isUsable()) {
                    return;
                }
            }
            listener.onEvent(address, event);
        }

        private void connected(CompletableFuture<ClientConnection> attempt, ClientConnection connection,
                               Future<Channel> f) {
            synchronized (this) {
                connecting = null;
                if (f.isSuccess()) {
                    boolean secure = f.getNow().pipeline().get(SslHandler.class) != null;
                    connection.attach(f.getNow(), !secure && !settings.tokenAllowPlaintext());
                    current = connection;
                    backoffNanos = INITIAL_BACKOFF_NANOS;
                    retryAtNanos = 0;
                    if (closed) {
                        connection.close();
                    }
                } else {
                    retryAtNanos = System.nanoTime() + backoffNanos;
                    backoffNanos = Math.min(backoffNanos * 2, settings.maxReconnectBackoff().toNanos());
                }
            }
            if (f.isSuccess()) {
                listener.onEvent(address, ConnectionListener.Event.CONNECTED);
                attempt.complete(connection);
            } else {
                attempt.completeExceptionally(new UnprocessedRequestException("cannot connect to " + address + ": "
                        + f.cause().getMessage(), f.cause()));
            }
        }

        /** Completes with the channel once connected and, for TLS, once the handshake is done. */
        private Future<Channel> connect(ClientConnection connection) {
            long idleMillis = settings.heartbeatInterval().toMillis();
            boolean secure = tls != null && (tls.required() || usesTls.test(address));
            ChannelFuture connect = new Bootstrap()
                    .group(transport.workers())
                    .channel(transport.channelType())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (secure) {
                                tls.install(ch, host, port);
                            }
                            ch.pipeline().addLast(
                                    new FlushConsolidationHandler(256, true),
                                    new FrameDecoder(settings.maxFrameBytes()),
                                    new IdleStateHandler(idleMillis * 3, 0, idleMillis, TimeUnit.MILLISECONDS),
                                    connection);
                        }
                    })
                    .connect(host, port);
            Promise<Channel> ready = transport.workers().next().newPromise();
            connect.addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    ready.tryFailure(f.cause());
                } else if (!secure) {
                    ready.trySuccess(f.channel());
                } else {
                    SslHandler ssl = f.channel().pipeline().get(SslHandler.class);
                    ssl.handshakeFuture().addListener(h -> {
                        String wrongIdentity = h.isSuccess() ? tls.checkServerIdentity(ssl, address) : null;
                        if (wrongIdentity != null) {
                            f.channel().close();
                            ready.tryFailure(new SSLException(wrongIdentity));
                        } else if (h.isSuccess()) {
                            ready.trySuccess(f.channel());
                        } else {
                            f.channel().close();
                            ready.tryFailure(new SSLException("TLS handshake failed: " + h.cause().getMessage(),
                                    h.cause()));
                        }
                    });
                }
            });
            return ready;
        }

        synchronized void close() {
            ClientConnection c = current;
            if (c != null) {
                c.close();
            }
        }
    }
}
