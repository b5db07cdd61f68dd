package io.weft.rule;

import java.util.List;
import java.util.Map;

/**
 * Which calls a rule entry applies to. Every field is optional (empty = no condition); all given
 * fields must hold. {@code sourceCidrs} and {@code instances} are evaluated by providers.
 *
 * @param methods method names; the call's method must be one of them
 * @param consumerApps application names; the caller's application must be one of them
 * @param metadata entries the call's metadata must all contain, with equal values
 * @param sourceCidrs CIDR blocks such as {@code 10.0.0.0/8}; the caller's address must be in one
 * @param instances {@code host:port} of providers; the serving instance must be one of them
 */
public record Match(List<String> methods, List<String> consumerApps, Map<String, String> metadata,
                    List<String> sourceCidrs, List<String> instances) {
    /** The match with no condition: every call. What an absent {@code match} means. */
    public static final Match ANY = new Match(List.of(), List.of(), Map.of(), List.of(), List.of());

    /**
     * Copies the parts; null stands for empty (no condition).
     *
     * @param methods method names, or null
     * @param consumerApps application names, or null
     * @param metadata required metadata entries, or null
     * @param sourceCidrs CIDR blocks, or null
     * @param instances provider {@code host:port}s, or null
     */
    public Match {
        methods = methods == null ? List.of() : List.copyOf(methods);
        consumerApps = consumerApps == null ? List.of() : List.copyOf(consumerApps);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        sourceCidrs = sourceCidrs == null ? List.of() : List.copyOf(sourceCidrs);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /**
     * Whether this match holds for every call.
     *
     * @return true when no condition is given (as for {@link #ANY})
     */
    public boolean matchesEverything() {
        return methods.isEmpty() && consumerApps.isEmpty() && metadata.isEmpty() && sourceCidrs.isEmpty()
                && instances.isEmpty();
    }
}
