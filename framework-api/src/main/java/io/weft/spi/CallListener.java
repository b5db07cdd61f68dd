package io.weft.spi;

import io.weft.Status;
import java.util.Map;

/**
 * Observes what a {@link io.weft.Weft} does, for metrics, access logs and the like (DESIGN §10): every
 * call that finishes on either side, and the events of the cluster and of governance. Add one with
 * {@link io.weft.Weft.Builder#callListener}; a {@link MetricsProvider} on the class path adds its own.
 *
 * <p>Every method has an empty default, so a listener overrides only what it needs. Without a listener
 * Weft calls nothing and allocates nothing for it; with one, the arguments are the values the call
 * already holds (no boxing, no per-call objects made for the listener).
 *
 * <p>Threading: methods run on the thread that completes the call — a Netty event loop, a business
 * thread or a callback thread — concurrently for different calls. They must be fast, must not block,
 * and should not throw; an exception is logged (at most once per listener class) and ignored.
 */
public interface CallListener {

    /** Which side of a call: the caller ({@code client}) or the server ({@code server}). */
    enum Side {
        /** The caller: a stub or generic reference. */
        CLIENT("client"),
        /** The provider serving the call. */
        SERVER("server");

        private final String label;

        Side(String label) {
            this.label = label;
        }

        /**
         * The side's word in meter names and access-log lines.
         *
         * @return {@code client} or {@code server}
         */
        public String label() {
            return label;
        }
    }

    /** What became of a retry the cluster wanted to send. */
    enum RetryOutcome {
        /** The retry was sent. */
        SENT("sent"),
        /** The retry budget had no room: the call failed with its last failure instead. */
        BUDGET_EXHAUSTED("budget_exhausted");

        private final String label;

        RetryOutcome(String label) {
            this.label = label;
        }

        /**
         * The {@code outcome} tag of DESIGN §10.
         *
         * @return {@code sent} or {@code budget_exhausted}
         */
        public String label() {
            return label;
        }
    }

    /**
     * A call of {@code service} began on {@code side}. Exactly one {@link #callFinished} for the same
     * side and service follows, so started minus finished is the number in flight.
     *
     * @param side where the call began
     * @param service the service (interface name), {@code "-"} on the server when the request named none
     */
    default void callStarted(Side side, String service) {
    }

    /**
     * A call finished.
     *
     * @param side where the call finished
     * @param service the service (interface name); on the server side of a request naming none, {@code "-"}
     * @param method the method name ({@code "-"} when the request named none)
     * @param status how it ended ({@link Status#OK} for success)
     * @param durationNanos from when it began on this side to when its outcome was known
     * @param peer {@code host:port} of the other side: on the client the provider that answered last
     *     ({@code "-"} when no provider was tried), on the server the consumer's connection
     * @param callerApplication the consumer's application: on the server the identity established by
     *     authentication (else the {@code :app} claim), on the client this process's own; null if unknown
     * @param metadata the call's metadata (on the server including reserved {@code :keys}); read it
     *     during this method only, e.g. for {@code traceparent}
     */
    default void callFinished(Side side, String service, String method, Status status, long durationNanos,
                              String peer, String callerApplication, Map<String, String> metadata) {
    }

    /**
     * The consumer's cluster wanted to resend a call of {@code service} to another instance.
     *
     * @param service the service of the call
     * @param outcome whether the retry was sent or the retry budget refused it
     */
    default void retry(String service, RetryOutcome outcome) {
    }

    /**
     * The consumer ejected an instance of {@code service} for poor health (DESIGN §3).
     *
     * @param service the service whose instance was ejected
     * @param instance the instance, {@code host:port}
     */
    default void ejected(String service, String instance) {
    }

    /**
     * Governance refused a call of {@code service} before it reached the service: throttled, denied,
     * unauthenticated, or failed by an injected fault.
     *
     * @param service the service of the refused call
     * @param kind the rule kind: {@code throttling}, {@code security} or {@code faults}
     * @param rule the refusing entry: a limit's or fault's {@code name} (else its position, e.g.
     *     {@code limits[1]}), or for security {@code authentication}, {@code rules[i]} or {@code defaultAction}
     * @param side where the rule applied: {@code consumer} or {@code provider} (the rules' own words)
     */
    default void refused(String service, String kind, String rule, String side) {
    }

    /**
     * The rules of {@code service} in force here changed; told for every kind, changed or not.
     *
     * @param service the service
     * @param kind the rule kind ({@code routing}, {@code throttling}, {@code faults}, {@code security})
     * @param revision the revision in force ({@code 0}: no rule of that kind)
     */
    default void ruleApplied(String service, String kind, long revision) {
    }
}
