package io.weft.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.weft.OneWay;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameDecoder;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.WarmupRounds;
import io.weft.internal.transport.Wire;
import io.weft.spi.Serialization;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs synthetic requests for every method of a service being exported through the provider's own
 * request path — frame decoder, intake (lookup, deadline, queue admission), argument decoding,
 * dispatch through a {@link SkeletonMethod}, response and refusal encoding — on the exporting
 * thread, before the service is in the dispatch table. A cold JVM otherwise loads and links that
 * whole path on the event loop with the first request, while the requests behind it wait, and runs it
 * interpreted until the JIT has compiled it: in an overload that starts with the process, refusals took
 * over a second (docs/architecture.md, "Warm-up at export"). The first export of a JVM runs rounds of
 * it up to {@code weft.transport.warmup-calls} requests, enough for the JIT to compile the path.
 *
 * <p>No user code runs: the requests are served by a stand-in implementation that answers zero
 * values, through a dispatcher of its own (no interceptors, no listener, its own statistics) on an
 * {@link EmbeddedChannel}. A failure is logged at debug level and never fails the export.
 */
final class ServerWarmup {
    private static final Logger log = LoggerFactory.getLogger(ServerWarmup.class);
    private static final String TIMEOUT_MS = "10000";
    /** Whether an export of this JVM has run its rounds already: the JIT's work is shared by all. */
    private static final AtomicBoolean FIRST_IN_JVM = new AtomicBoolean();

    private final Serialization serialization;
    private final JsonSerialization json;
    private final ServerSettings settings;
    private final AtomicBoolean roundsRun;

    ServerWarmup(Serialization serialization, JsonSerialization json, ServerSettings settings) {
        this(serialization, json, settings, FIRST_IN_JVM);
    }

    /** @param roundsRun set once an export has run its rounds (tests pass their own) */
    ServerWarmup(Serialization serialization, JsonSerialization json, ServerSettings settings, AtomicBoolean roundsRun) {
        this.serialization = serialization;
        this.json = json;
        this.settings = settings;
        this.roundsRun = roundsRun;
    }

    /**
     * Serves rounds of one synthetic request per method of {@code serviceInterface} and one refused
     * request: as many as fit in {@code weft.transport.warmup-calls} for the first export of the JVM
     * (so that the JIT compiles the path), one round for later exports (which loads their own classes).
     */
    void run(Class<?> serviceInterface) {
        EmbeddedChannel channel = null;
        EmbeddedChannel consumer = null;
        try {
            Object standIn = Proxy.newProxyInstance(serviceInterface.getClassLoader(), new Class<?>[] {serviceInterface},
                    (proxy, method, args) -> zeroAnswer(method));
            ServiceSkeleton skeleton = new ServiceSkeleton(serviceInterface, standIn, json);
            QueueAdmission admission = settings.directDispatch() ? null
                    : new QueueAdmission(settings.businessThreads(), settings.maxQueueWait().toNanos());
            ServerDispatcher dispatcher = new ServerDispatcher(() -> Map.of(skeleton.service(), skeleton), Runnable::run,
                    serialization, null, new ServerStats(), Integer.MAX_VALUE, List.of(), admission, json);
            channel = new LoopbackChannel(new FrameDecoder(settings.maxFrameBytes(), 0, settings.maxMetadataEntries()),
                    dispatcher);
            consumer = new EmbeddedChannel(new FrameDecoder(settings.maxFrameBytes()));
            List<Method> methods = new ArrayList<>();
            for (Method m : serviceInterface.getMethods()) {
                if (!Modifier.isStatic(m.getModifiers())) {
                    methods.add(m);
                }
            }
            int rounds = WarmupRounds.of(settings.warmupCalls(), methods.size() + 1, roundsRun);
            long id = 0;
            for (int round = 0; round < rounds; round++) {
                for (Method m : methods) {
                    channel.writeInbound(request(channel, ++id, skeleton.service(), m.getName(),
                            ServiceSkeleton.paramsOf(m), m.isAnnotationPresent(OneWay.class), zeroArguments(m)));
                }
                // A request the provider refuses on the event loop (as it refuses an overload): the error answer's path.
                channel.writeInbound(request(channel, ++id, skeleton.service(), "weft-warm-up", null, false, new Object[0]));
                readAnswers(channel, consumer);
            }
        } catch (Throwable e) { // never fails the export: a warm-up is an optimisation
            log.debug("warm-up of {} failed (the first calls pay for it instead): {}", serviceInterface.getName(), e.toString());
        } finally {
            if (channel != null) {
                channel.finishAndReleaseAll();
            }
            if (consumer != null) {
                consumer.finishAndReleaseAll();
            }
        }
    }

    private ByteBuf request(EmbeddedChannel channel, long id, String service, String method, String params,
                            boolean oneWay, Object[] args) throws IOException {
        Map<String, String> fixed = params == null ? Map.of(Wire.SERVICE, service, Wire.METHOD, method)
                : Map.of(Wire.SERVICE, service, Wire.METHOD, method, Wire.PARAMS, params);
        return FrameWriter.request(channel.alloc(), id, oneWay, FrameWriter.encodeEntries(fixed), fixed.size(),
                -1, Map.of(Wire.TIMEOUT_MS, TIMEOUT_MS), serialization, args);
    }

    /** Decodes the answers as a consumer would (the body too), then releases them. */
    private void readAnswers(EmbeddedChannel channel, EmbeddedChannel consumer) throws IOException {
        for (Object out; (out = channel.readOutbound()) != null; ) {
            consumer.writeInbound(out);
        }
        for (Frame frame; (frame = consumer.readInbound()) != null; ) {
            try {
                if (frame.status() == 0 && frame.body().isReadable() && frame.serialization() == serialization.id()) {
                    serialization.read(new ByteBufInputStream(frame.body()));
                }
            } finally {
                frame.release();
            }
        }
    }

    /** An in-memory channel with socket addresses, as the call path reads a connection's (peer, local address). */
    private static final class LoopbackChannel extends EmbeddedChannel {
        private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

        LoopbackChannel(ChannelHandler... handlers) {
            super(handlers);
        }

        @Override
        protected SocketAddress localAddress0() {
            return LOOPBACK;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return LOOPBACK;
        }
    }

    /** What the stand-in implementation answers: the zero value of the return type, or a completed future. */
    private static Object zeroAnswer(Method method) {
        Class<?> type = method.getReturnType();
        if (CompletionStage.class.isAssignableFrom(type)) {
            return CompletableFuture.completedFuture(null);
        }
        return zeroOf(type);
    }

    static Object[] zeroArguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = zeroOf(types[i]);
        }
        return args;
    }

    /** Null, or for a primitive type its boxed zero (false, 0, '\0'). */
    static Object zeroOf(Class<?> type) {
        return type.isPrimitive() && type != void.class ? Array.get(Array.newInstance(type, 1), 0) : null;
    }
}
