package io.weft.internal.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The calls of one connection that a CANCEL frame can still reach, by request id. A call is opened
 * on the event loop when its request is accepted and closed when it is over. {@link #cancel} marks
 * its {@link Token}: the dispatcher then drops the call if it is still queued, and a running call
 * sees {@link io.weft.CallContext#isCancelled()} (its thread is never interrupted) and answers
 * nothing. Thread-safe.
 */
final class OpenCalls {
    private final ConcurrentHashMap<Long, Token> calls = new ConcurrentHashMap<>();

    /** Whether the caller gave up on one call; read by the call's context. */
    static final class Token implements BooleanSupplier {
        private volatile boolean cancelled;

        @Override
        public boolean getAsBoolean() {
            return cancelled;
        }
    }

    Token open(long id) {
        Token token = new Token();
        calls.put(id, token);
        return token;
    }

    /** The caller sent CANCEL for {@code id}; unknown or finished ids are ignored. */
    void cancel(long id) {
        Token token = calls.remove(id);
        if (token != null) {
            token.cancelled = true;
        }
    }

    /** The call {@code id} is over. */
    void close(long id) {
        calls.remove(id);
    }

    /** The connection is gone: nobody waits for any of its calls. */
    void cancelAll() {
        for (Long id : calls.keySet()) {
            cancel(id);
        }
    }
}
