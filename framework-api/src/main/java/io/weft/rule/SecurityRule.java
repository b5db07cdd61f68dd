package io.weft.rule;

import java.util.List;

/**
 * Provider-side access control: the first matching entry decides, otherwise {@code defaultAction}.
 *
 * @param authentication may be null (mode {@code none})
 * @param connectionLimits may be null (no per-IP limits)
 */
public record SecurityRule(Action defaultAction, List<AccessRule> rules, Authentication authentication,
                           ConnectionLimits connectionLimits) implements Rule {
    public SecurityRule {
        defaultAction = defaultAction == null ? Action.ALLOW : defaultAction;
        rules = List.copyOf(rules);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.SECURITY;
    }

    public enum Action { ALLOW, DENY }

    public record AccessRule(Action action, Match match) {
        public AccessRule {
            match = match == null ? Match.ANY : match;
        }
    }

    /** {@code none}: trust {@code :app}; {@code token}: SHA-256 of {@code :token}; {@code mtls}: certificate identity. */
    public enum AuthMode { NONE, TOKEN, MTLS }

    public record Authentication(AuthMode mode, List<TokenEntry> tokens) {
        public Authentication {
            tokens = List.copyOf(tokens);
        }
    }

    /** A token's owner and the lower-case hex SHA-256 of the token. */
    public record TokenEntry(String app, String sha256) {}

    /** Either limit may be null (unlimited). */
    public record ConnectionLimits(Integer maxConnectionsPerIp, Integer maxRequestsPerSecondPerIp) {}
}
