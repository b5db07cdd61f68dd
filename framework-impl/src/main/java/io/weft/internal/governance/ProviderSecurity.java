package io.weft.internal.governance;

import io.weft.Status;
import io.weft.internal.transport.Wire;
import io.weft.rule.SecurityRule;
import io.weft.rules.Matcher;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Authentication and authorization of served calls against one {@link SecurityRule}. Immutable and
 * thread-safe; a refusal is a {@link RefusedCallException} ({@code UNAUTHENTICATED} or
 * {@code PERMISSION_DENIED}).
 */
final class ProviderSecurity {
    private static final String SECURITY = "security";
    private static final String AUTHENTICATION = "authentication";
    private final SecurityRule rule;
    private final SecurityRule.AuthMode mode;
    private final List<Token> tokens;

    ProviderSecurity(SecurityRule rule) {
        this.rule = rule;
        this.mode = rule.authentication() == null ? SecurityRule.AuthMode.NONE : rule.authentication().mode();
        this.tokens = rule.authentication() == null ? List.of()
                : rule.authentication().tokens().stream()
                        .map(t -> new Token(t.app(), HexFormat.of().parseHex(t.sha256())))
                        .toList();
    }

    /** True when the mode establishes the caller's identity ({@code token}, {@code mtls}), not just takes the claim. */
    boolean authenticates() {
        return mode != SecurityRule.AuthMode.NONE;
    }

    /**
     * The calling application as established by the authentication mode: the {@code :app} claim
     * (mode {@code none}; may be null), the matching token's app (mode {@code token}) or the
     * verified client certificate's identity (mode {@code mtls}; {@code peerIdentity}, null if none).
     */
    String authenticate(Map<String, String> metadata, String peerIdentity) {
        switch (mode) {
            case NONE:
                return metadata.get(Wire.APP);
            case TOKEN:
                String token = metadata.get(Wire.TOKEN);
                if (token == null || token.isEmpty()) {
                    throw new RefusedCallException(Status.UNAUTHENTICATED, "missing " + Wire.TOKEN, SECURITY, AUTHENTICATION);
                }
                byte[] digest = sha256(token);
                String app = null;
                for (Token t : tokens) {
                    // Compare against every entry in constant time, so timing tells nothing.
                    if (MessageDigest.isEqual(digest, t.sha256) && app == null) {
                        app = t.app;
                    }
                }
                if (app == null) {
                    throw new RefusedCallException(Status.UNAUTHENTICATED, "unknown " + Wire.TOKEN, SECURITY, AUTHENTICATION);
                }
                return app;
            case MTLS:
            default:
                if (peerIdentity == null || peerIdentity.isEmpty()) {
                    throw new RefusedCallException(Status.UNAUTHENTICATED,
                            "mtls authentication needs a verified client certificate naming the application", SECURITY,
                            AUTHENTICATION);
                }
                return peerIdentity;
        }
    }

    /** Refuses the call unless the first matching access rule, or else the default action, allows it. */
    void authorize(String service, String method, String app, Map<String, String> metadata, InetAddress source,
                   String selfInstance) {
        SecurityRule.Action action = rule.defaultAction();
        int decided = -1;
        List<SecurityRule.AccessRule> rules = rule.rules();
        for (int i = 0; i < rules.size(); i++) {
            SecurityRule.AccessRule r = rules.get(i);
            if (Matcher.matchesServed(r.match(), method, app, metadata, source, selfInstance)) {
                action = r.action();
                decided = i;
                break;
            }
        }
        if (action == SecurityRule.Action.DENY) {
            throw new RefusedCallException(Status.PERMISSION_DENIED, (app == null ? "a caller without :app"
                    : "app '" + app + "'") + " from " + (source == null ? "?" : source.getHostAddress())
                    + " may not call " + service + "." + method, SECURITY,
                    decided < 0 ? "defaultAction" : "rules[" + decided + "]");
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private record Token(String app, byte[] sha256) {}
}
