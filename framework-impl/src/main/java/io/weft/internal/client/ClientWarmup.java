package io.weft.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.weft.Deadline;
import io.weft.Status;
import io.weft.internal.transport.FrameDecoder;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.WarmupRounds;
import io.weft.internal.transport.Wire;
import io.weft.spi.Serialization;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one synthetic call per method of a new stub, and one refused call, through a connection's own
 * write and read path — request encoding, the pending-call table and its deadline timer, the frame
 * decoder, response and failure decoding — on an {@link EmbeddedChannel}, on the thread that builds
 * the stub. A cold JVM otherwise loads and links that path on the event loop with the first answers,
 * while the answers behind them wait, and runs it interpreted until the JIT has compiled it; the first
 * stub of a JVM runs rounds of it up to {@code weft.transport.warmup-calls} calls (docs/architecture.md,
 * "Warm-up at export").
 *
 * <p>Nothing reaches the network, no filter or listener sees these calls, and a failure is logged at
 * debug level and never fails the stub.
 */
final class ClientWarmup {
    private static final Logger log = LoggerFactory.getLogger(ClientWarmup.class);
    private static final int HESSIAN_ONLY = 1 << Wire.SERIALIZATION_HESSIAN2;
    /** Whether a stub of this JVM has run its rounds already: the JIT's work is shared by all. */
    private static final AtomicBoolean FIRST_IN_JVM = new AtomicBoolean();

    private ClientWarmup() {}

    /**
     * Runs the warm-up of a new stub of {@code service} in rounds of one answered call per method and
     * one refused call: as many as fit in {@code calls} when this is the first stub of the JVM to run
     * them, so that the JIT compiles the path, else one, which loads the stub's own classes.
     */
    static void run(String service, Map<Method, ClientMethod> methods, Serialization serialization,
                    HealthSettings health, int calls) {
        run(service, methods, serialization, health, calls, FIRST_IN_JVM);
    }

    /** As above; {@code roundsRun} is set once a stub has run its rounds (tests pass their own). */
    static void run(String service, Map<Method, ClientMethod> methods, Serialization serialization,
                    HealthSettings health, int calls, AtomicBoolean roundsRun) {
        ClientConnection connection = new ClientConnection("warm-up", serialization, DeadlineTimer.TIMER,
                (address, event) -> { }, health);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(Integer.MAX_VALUE), connection);
        try {
            connection.attach(channel, false);
            int rounds = WarmupRounds.of(calls, methods.size() + 1, roundsRun);
            for (int round = 0; round < rounds; round++) {
                boolean refused = false;
                for (Map.Entry<Method, ClientMethod> e : methods.entrySet()) {
                    if (e.getValue().style == ClientMethod.Style.ONE_WAY) {
                        continue;
                    }
                    answer(channel, connection, e.getKey(), e.getValue(), serialization, false);
                    if (!refused) {
                        answer(channel, connection, e.getKey(), e.getValue(), serialization, true);
                        refused = true;
                    }
                }
            }
        } catch (Throwable e) { // never fails the stub: a warm-up is an optimisation
            log.debug("warm-up of {} failed (the first calls pay for it instead): {}", service, e.toString());
        } finally {
            connection.draining = true;
            channel.finishAndReleaseAll();
        }
    }

    /** Sends one call of {@code method} with zero arguments and answers it (a zero result, or a refusal). */
    private static void answer(EmbeddedChannel channel, ClientConnection connection, Method method, ClientMethod call,
                               Serialization serialization, boolean refuse) throws Exception {
        var result = connection.send(call, HESSIAN_ONLY, zeroArguments(method), Map.of(),
                Deadline.after(10, TimeUnit.SECONDS), false, null);
        channel.runPendingTasks();
        long id = -1;
        for (ByteBuf sent; (sent = channel.readOutbound()) != null; ) {
            id = sent.getLong(sent.readerIndex() + 8);
            sent.release();
        }
        if (id < 0) {
            return;
        }
        channel.writeInbound(refuse
                ? FrameWriter.errorResponse(channel.alloc(), id, Status.RESOURCE_EXHAUSTED, "warm-up", null)
                : FrameWriter.response(channel.alloc(), id, serialization, null));
        result.handle((value, failure) -> null).get(10, TimeUnit.SECONDS);
    }

    private static Object[] zeroArguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = types[i].isPrimitive() ? Array.get(Array.newInstance(types[i], 1), 0) : null;
        }
        return args;
    }
}
