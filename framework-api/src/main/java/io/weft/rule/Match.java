package io.weft.rule;

import java.util.List;
import java.util.Map;

/**
 * Which calls a rule entry applies to. Every field is optional (empty = no condition); all given
 * fields must hold. {@code sourceCidrs} and {@code instances} are evaluated by providers.
 */
public record Match(List<String> methods, List<String> consumerApps, Map<String, String> metadata,
                    List<String> sourceCidrs, List<String> instances) {
    public static final Match ANY = new Match(List.of(), List.of(), Map.of(), List.of(), List.of());

    public Match {
        methods = methods == null ? List.of() : List.copyOf(methods);
        consumerApps = consumerApps == null ? List.of() : List.copyOf(consumerApps);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        sourceCidrs = sourceCidrs == null ? List.of() : List.copyOf(sourceCidrs);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /** True when no condition is given. */
    public boolean matchesEverything() {
        return methods.isEmpty() && consumerApps.isEmpty() && metadata.isEmpty() && sourceCidrs.isEmpty()
                && instances.isEmpty();
    }
}
