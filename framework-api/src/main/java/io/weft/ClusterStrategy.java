package io.weft;

import java.util.Locale;

/**
 * What the consumer does with a call once the router has chosen the candidate instances: how many
 * instances it sends to and what it does when an attempt fails. Chosen per reference and per
 * method ({@link ReferenceOptions.Builder#cluster}) or by {@code weft.client.cluster}.
 */
public enum ClusterStrategy {
    /**
     * One instance at a time; on a retryable failure try another (within the retry count, the retry
     * budget and the deadline). Calls that reached a provider are retried only for
     * {@link Idempotent} methods. The default.
     */
    FAILOVER,
    /** One attempt; any failure is returned at once. */
    FAILFAST,
    /**
     * Like failover for requests that never left, but a failure is logged and the call returns the
     * method's default value ({@code null}, {@code 0}, {@code false}, or a future completed with
     * {@code null}).
     */
    FAILSAFE,
    /** Sends to {@code forks} instances at once; the first success wins. For idempotent reads. */
    FORKING,
    /** Sends to every instance in rotation; fails if any failed, otherwise returns the last result. */
    BROADCAST;

    /**
     * The name used in configuration.
     *
     * @return the lower-case name ({@code failover}, {@code forking}, …)
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The strategy named {@code name} (case-insensitive).
     *
     * @param name a strategy's name, surrounding blanks ignored
     * @return the strategy
     * @throws IllegalArgumentException naming the accepted words when {@code name} is not one
     */
    public static ClusterStrategy fromName(String name) {
        for (ClusterStrategy s : values()) {
            if (s.name().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown cluster strategy '" + name
                + "': expected failover, failfast, failsafe, forking or broadcast");
    }
}
