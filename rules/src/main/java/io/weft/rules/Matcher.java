package io.weft.rules;

import io.weft.rule.Match;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates a rule's {@link Match} against a call. Consumers evaluate methods, consumer apps and
 * metadata; providers also evaluate source CIDRs and their own instance address. Parsed CIDRs are
 * cached, so a call does no parsing. Used by the instances' filters and interceptors and by the
 * console's preview alike.
 */
public final class Matcher {
    private static final Map<String, Cidr> CIDRS = new ConcurrentHashMap<>();

    private Matcher() {}

    /**
     * Consumer-side evaluation. {@code sourceCidrs} and {@code instances} are the provider's business:
     * the validator refuses them on consumer-side rules, so they are never silently ignored here.
     *
     * @param m the match
     * @param method the called method's name
     * @param app the calling application, or null
     * @param metadata the call's metadata
     * @return whether every field {@code m} gives holds
     */
    public static boolean matchesCall(Match m, String method, String app, Map<String, String> metadata) {
        if (m.matchesEverything()) {
            return true;
        }
        if (!m.methods().isEmpty() && !m.methods().contains(method)) {
            return false;
        }
        if (!m.consumerApps().isEmpty() && (app == null || !m.consumerApps().contains(app))) {
            return false;
        }
        for (Map.Entry<String, String> e : m.metadata().entrySet()) {
            if (!e.getValue().equals(metadata.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Provider-side evaluation: everything, with the caller's address and this instance's {@code host:port}.
     *
     * @param m the match
     * @param method the called method's name
     * @param app the calling application, or null
     * @param metadata the call's metadata
     * @param source the caller's address, or null when unknown (then no {@code sourceCidrs} match holds)
     * @param selfInstance this instance's {@code host:port}
     * @return whether every field {@code m} gives holds
     */
    public static boolean matchesServed(Match m, String method, String app, Map<String, String> metadata,
                                        InetAddress source, String selfInstance) {
        if (!matchesCall(m, method, app, metadata)) {
            return false;
        }
        if (!m.instances().isEmpty() && !m.instances().contains(selfInstance)) {
            return false;
        }
        if (!m.sourceCidrs().isEmpty()) {
            if (source == null) {
                return false;
            }
            boolean inside = false;
            for (String c : m.sourceCidrs()) {
                if (CIDRS.computeIfAbsent(c, Cidr::parse).contains(source)) {
                    inside = true;
                    break;
                }
            }
            return inside;
        }
        return true;
    }
}
