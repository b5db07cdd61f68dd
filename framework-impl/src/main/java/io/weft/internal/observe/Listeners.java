package io.weft.internal.observe;

import io.weft.Status;
import io.weft.spi.CallListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several {@link CallListener}s as one, each call guarded: a listener that throws is logged once per
 * class and the others still run. {@link #of} returns null for none, so call sites test one field
 * and do nothing else when nobody listens.
 */
public final class Listeners implements CallListener {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);
    private static final Set<Class<?>> reported = ConcurrentHashMap.newKeySet();

    private final CallListener[] listeners;

    private Listeners(List<CallListener> listeners) {
        this.listeners = listeners.toArray(new CallListener[0]);
    }

    /** The listeners as one, or null when there are none. */
    public static CallListener of(List<CallListener> listeners) {
        return listeners.isEmpty() ? null : new Listeners(listeners);
    }

    /** The status of a call that ended with {@code error} (null: {@code OK}). */
    public static Status statusOf(Throwable error) {
        if (error == null) {
            return Status.OK;
        }
        if (error instanceof io.weft.RpcException rpc) {
            return rpc.status();
        }
        if (error instanceof java.util.concurrent.CancellationException) {
            return Status.CANCELLED;
        }
        return Status.UNKNOWN;
    }

    private static void failed(CallListener l, RuntimeException e) {
        if (reported.add(l.getClass())) {
            log.warn("call listener {} failed; its failures are ignored from now on", l.getClass().getName(), e);
        }
    }

    @Override
    public void callStarted(Side side, String service) {
        for (CallListener l : listeners) {
            try {
                l.callStarted(side, service);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void callFinished(Side side, String service, String method, Status status, long durationNanos,
                             String peer, String callerApplication, Map<String, String> metadata) {
        for (CallListener l : listeners) {
            try {
                l.callFinished(side, service, method, status, durationNanos, peer, callerApplication, metadata);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void retry(String service, RetryOutcome outcome) {
        for (CallListener l : listeners) {
            try {
                l.retry(service, outcome);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void ejected(String service, String instance) {
        for (CallListener l : listeners) {
            try {
                l.ejected(service, instance);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void refused(String service, String kind, String rule, String side) {
        for (CallListener l : listeners) {
            try {
                l.refused(service, kind, rule, side);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void ruleApplied(String service, String kind, long revision) {
        for (CallListener l : listeners) {
            try {
                l.ruleApplied(service, kind, revision);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }
}
