package io.weft.rule;

import java.util.List;

/**
 * Provider-side access control: the first matching entry decides, otherwise {@code defaultAction}.
 *
 * @param defaultAction what happens to a call no entry of {@code rules} matches
 * @param rules access entries in order; the first whose match holds decides
 * @param authentication may be null (mode {@code none})
 * @param connectionLimits may be null (no per-IP limits)
 */
public record SecurityRule(Action defaultAction, List<AccessRule> rules, Authentication authentication,
                           ConnectionLimits connectionLimits) implements Rule {
    /**
     * Normalizes the default action and copies the list.
     *
     * @param defaultAction null means {@link Action#ALLOW}
     * @param rules the entries; must not be null (empty for none)
     * @param authentication how callers authenticate, or null
     * @param connectionLimits per-IP limits, or null
     */
    public SecurityRule {
        defaultAction = defaultAction == null ? Action.ALLOW : defaultAction;
        rules = List.copyOf(rules);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.SECURITY;
    }

    /** The decision of an access entry. A denied call fails with {@code PERMISSION_DENIED}. */
    public enum Action {
        /** The call proceeds. */
        ALLOW,
        /** The call fails with {@code PERMISSION_DENIED}. */
        DENY
    }

    /**
     * One access entry.
     *
     * @param action what happens to a call it matches
     * @param match which calls it decides ({@link Match#ANY} when null)
     */
    public record AccessRule(Action action, Match match) {
        /**
         * Normalizes the match.
         *
         * @param action the decision
         * @param match which calls; null means {@link Match#ANY}
         */
        public AccessRule {
            match = match == null ? Match.ANY : match;
        }
    }

    /** {@code none}: trust {@code :app}; {@code token}: SHA-256 of {@code :token}; {@code mtls}: certificate identity. */
    public enum AuthMode {
        /** The {@code :app} the caller claims is trusted; nothing is checked. */
        NONE,
        /** The {@code :token} metadata must hash to an entry of {@code tokens}; the app is the entry's. */
        TOKEN,
        /** The app is the identity in the caller's verified TLS client certificate. */
        MTLS
    }

    /**
     * How callers prove who they are. A missing or bad credential fails with {@code UNAUTHENTICATED}.
     *
     * @param mode the kind of credential required
     * @param tokens the accepted tokens, for {@link AuthMode#TOKEN}; empty otherwise
     */
    public record Authentication(AuthMode mode, List<TokenEntry> tokens) {
        /**
         * Copies the list.
         *
         * @param mode the mode
         * @param tokens the accepted tokens; must not be null (empty for none)
         */
        public Authentication {
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * A token's owner and the lower-case hex SHA-256 of the token.
     *
     * @param app the application a caller with this token is
     * @param sha256 64 lower-case hex digits: the SHA-256 of the token's UTF-8 bytes
     */
    public record TokenEntry(String app, String sha256) {}

    /**
     * Limits per caller IP address, enforced by the provider's server for all its services (the
     * strictest of the exported services' rules). Either limit may be null (unlimited).
     *
     * @param maxConnectionsPerIp open connections allowed from one address; one more gets GOAWAY
     *     {@code RESOURCE_EXHAUSTED} and is closed
     * @param maxRequestsPerSecondPerIp requests per second allowed from one address; more fail with
     *     {@code RESOURCE_EXHAUSTED}
     */
    public record ConnectionLimits(Integer maxConnectionsPerIp, Integer maxRequestsPerSecondPerIp) {}
}
