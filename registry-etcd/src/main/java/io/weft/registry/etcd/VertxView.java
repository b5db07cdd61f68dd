package io.weft.registry.etcd;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One jetcd client's {@link Vertx}: a proxy of the {@link SharedVertx} instance that forwards every
 * call to it, except
 * <ul>
 *   <li>{@code close()}, which cancels the timers set through this view and gives its reference
 *       back instead of closing the instance every client uses;</li>
 *   <li>{@code setTimer}/{@code setPeriodic}, whose ids the view keeps until a one-shot timer fires
 *       or the timer is cancelled, so that closing cancels what the client left running: jetcd's
 *       own cancelling on close misses a keep-alive task that a stream restart sets while the
 *       client closes. Handlers of timers no longer kept are not called;</li>
 *   <li>{@code cancelTimer}, which cancels only this view's timers;</li>
 *   <li>{@code setPeriodic}, whose first firing is put off, by less than a period, to a multiple of
 *       the period on the monotonic clock (offset by this JVM's {@link #PHASE}). jetcd's keep-alive
 *       (500 ms) and deadline (1 s) timers of all the JVM's clients then fire together, one wake-up
 *       of the event loop for all of them: what an idle event loop costs is its wake-ups, and a
 *       shared loop woken once per client timer costs more than the clients' own loops did.</li>
 * </ul>
 * The reference is taken by the first call that needs the instance. Once closed, timers are not set
 * ({@value #NO_TIMER} is returned) and other calls fail. Timers of {@code timer(...)} are not kept:
 * jetcd does not use it.
 */
final class VertxView implements InvocationHandler {
    /** The id returned for a timer not set: Vert.x numbers its timers from 0. */
    static final long NO_TIMER = -1;
    /**
     * This JVM's offset of the periodic timers' firings, in milliseconds: the processes of a host
     * share its monotonic clock, and should not all fire at once.
     */
    static final long PHASE = ThreadLocalRandom.current().nextLong(TimeUnit.HOURS.toMillis(1));

    private final SharedVertx shared;
    private final Set<Long> timers = new HashSet<>(); // guarded by this
    private Vertx instance; // guarded by this; null until first used
    private boolean closed; // guarded by this

    private VertxView(SharedVertx shared) {
        this.shared = shared;
    }

    static Vertx of(SharedVertx shared) {
        return (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {Vertx.class},
                new VertxView(shared));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close":
                return close();
            case "setTimer":
                return setTimer((Long) args[0], (Handler<Long>) args[1]);
            case "setPeriodic":
                return args.length == 2
                        ? setPeriodic((Long) args[0], (Long) args[0], (Handler<Long>) args[1])
                        : setPeriodic((Long) args[0], (Long) args[1], (Handler<Long>) args[2]);
            case "cancelTimer":
                return cancelTimer((Long) args[0]);
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "VertxView@" + Integer.toHexString(System.identityHashCode(proxy));
            default:
                try {
                    return method.invoke(instance(), args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
        }
    }

    private synchronized Vertx instance() {
        if (closed) {
            throw new IllegalStateException("this client's Vert.x view is closed");
        }
        if (instance == null) {
            instance = shared.acquire();
        }
        return instance;
    }

    // Set under the lock, so that a timer firing at once finds its id kept.
    private synchronized long setTimer(long delay, Handler<Long> handler) {
        if (closed) {
            return NO_TIMER;
        }
        long id = instance().setTimer(delay, fired -> {
            if (forget(fired)) {
                handler.handle(fired);
            }
        });
        timers.add(id);
        return id;
    }

    private synchronized long setPeriodic(long initialDelay, long delay, Handler<Long> handler) {
        if (closed) {
            return NO_TIMER;
        }
        long id = instance().setPeriodic(aligned(initialDelay, delay), delay, fired -> {
            if (isKept(fired)) {
                handler.handle(fired);
            }
        });
        timers.add(id);
        return id;
    }

    /**
     * {@code initialDelay} (1 ms at least), lengthened by less than {@code period} so that the timer
     * fires when the monotonic clock plus {@link #PHASE}, in milliseconds, is a multiple of the period.
     */
    static long aligned(long initialDelay, long period) {
        if (period < 1) {
            return initialDelay; // for Vert.x to refuse
        }
        long first = Math.max(1, initialDelay);
        long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        return first + Math.floorMod(-(now + first + PHASE), period);
    }

    private synchronized boolean cancelTimer(long id) {
        return timers.remove(id) && instance.cancelTimer(id);
    }

    private synchronized boolean forget(long id) {
        return timers.remove(id);
    }

    private synchronized boolean isKept(long id) {
        return timers.contains(id);
    }

    private synchronized Future<Void> close() {
        if (!closed) {
            closed = true;
            if (instance != null) {
                timers.forEach(instance::cancelTimer);
                timers.clear();
                instance = null;
                shared.release();
            }
        }
        return Future.succeededFuture();
    }
}
