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
 *   <li>{@code cancelTimer}, which cancels only this view's timers.</li>
 * </ul>
 * The reference is taken by the first call that needs the instance. Once closed, timers are not set
 * ({@value #NO_TIMER} is returned) and other calls fail. Timers of {@code timer(...)} are not kept:
 * jetcd does not use it.
 */
final class VertxView implements InvocationHandler {
    /** The id returned for a timer not set: Vert.x numbers its timers from 0. */
    static final long NO_TIMER = -1;

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
        long id = instance().setPeriodic(initialDelay, delay, fired -> {
            if (isKept(fired)) {
                handler.handle(fired);
            }
        });
        timers.add(id);
        return id;
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
