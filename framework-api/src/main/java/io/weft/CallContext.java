package io.weft;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * What travels with a call besides its arguments: user metadata (attachments), the deadline, and
 * on the provider side the caller's address and application and whether the caller cancelled the
 * call ({@link #isCancelled()}). Immutable.
 *
 * <p>On the provider, the context of the call being served is {@link #current()} while the
 * implementation runs; calls it makes on the same thread carry the same metadata and deadline on
 * downstream. On the consumer, attach a context around calls to send metadata:
 *
 * <pre>{@code
 * try (var scope = CallContext.current().withMetadata("tier", "beta").attach()) {
 *     greeter.greet("Ada");
 * }
 * }</pre>
 */
public final class CallContext {
    private static final CallContext EMPTY = new CallContext(Map.of(), null, null, null, null);
    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    private final Map<String, String> metadata;
    private final Deadline deadline;
    private final InetSocketAddress peer;
    private final String callerApplication;
    private final BooleanSupplier cancelled; // null: cannot be cancelled

    private CallContext(Map<String, String> metadata, Deadline deadline, InetSocketAddress peer,
                        String callerApplication, BooleanSupplier cancelled) {
        this.metadata = metadata;
        this.deadline = deadline;
        this.peer = peer;
        this.callerApplication = callerApplication;
        this.cancelled = cancelled;
    }

    /** The context attached to this thread, or an empty one. */
    public static CallContext current() {
        CallContext c = CURRENT.get();
        return c == null ? EMPTY : c;
    }

    public static CallContext empty() {
        return EMPTY;
    }

    /** A context for a call being served (used by providers). */
    public static CallContext forServerCall(Map<String, String> metadata, Deadline deadline, InetSocketAddress peer,
                                            String callerApplication) {
        return forServerCall(metadata, deadline, peer, callerApplication, null);
    }

    /**
     * A context for a call being served that the caller can cancel (used by providers).
     *
     * @param cancelled true once the caller gave up on the call; read by {@link #isCancelled()},
     *     so it must be cheap and thread-safe; null for a call that cannot be cancelled
     */
    public static CallContext forServerCall(Map<String, String> metadata, Deadline deadline, InetSocketAddress peer,
                                            String callerApplication, BooleanSupplier cancelled) {
        return new CallContext(Map.copyOf(metadata), deadline, peer, callerApplication, cancelled);
    }

    /** User metadata: keys not starting with {@code :}. */
    public Map<String, String> metadata() {
        return metadata;
    }

    public Optional<Deadline> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** The consumer's address, on the provider side. */
    public Optional<InetSocketAddress> peer() {
        return Optional.ofNullable(peer);
    }

    /**
     * The calling application, on the provider side: the identity the provider authenticated (the
     * token's application, or the client certificate's identity under mTLS) when a security rule
     * authenticates callers, else the {@code :app} the caller claims.
     */
    public Optional<String> callerApplication() {
        return Optional.ofNullable(callerApplication);
    }

    /**
     * On the provider: true once the caller gave up on the call being served (its future was
     * cancelled, or its deadline passed, and it sent {@code CANCEL}). The provider sends no
     * response for such a call and never interrupts the thread serving it; long-running work may
     * poll this to stop early. Copies keep the signal; a context not made for a served call is
     * never cancelled. Thread-safe.
     */
    public boolean isCancelled() {
        return cancelled != null && cancelled.getAsBoolean();
    }

    /** A copy with one more metadata entry; keys starting with {@code :} are reserved. */
    public CallContext withMetadata(String key, String value) {
        if (key == null || key.isEmpty() || key.charAt(0) == ':') {
            throw new IllegalArgumentException("metadata key must be non-empty and not start with ':' : " + key);
        }
        if (value == null) {
            throw new IllegalArgumentException("metadata value for '" + key + "' must not be null");
        }
        Map<String, String> copy = new HashMap<>(metadata);
        copy.put(key, value);
        return new CallContext(Map.copyOf(copy), deadline, peer, callerApplication, cancelled);
    }

    /** A copy whose deadline is {@code deadline}. */
    public CallContext withDeadline(Deadline deadline) {
        return new CallContext(metadata, deadline, peer, callerApplication, cancelled);
    }

    /** Makes this context current on this thread until the returned scope is closed. */
    public Scope attach() {
        CallContext previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Runs {@code task} with this context current. */
    public void run(Runnable task) {
        try (Scope ignored = attach()) {
            task.run();
        }
    }

    /** Calls {@code task} with this context current. */
    public <V> V call(Callable<V> task) throws Exception {
        try (Scope ignored = attach()) {
            return task.call();
        }
    }

    /** Restores the previous context when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
