package io.weft.internal;

import io.weft.internal.governance.RuleSource;
import io.weft.spi.Registry;

/** Adapts the registry's rule keys ({@link Registry#watchRule}) to a {@link RuleSource}. */
final class RegistryRuleSource {
    private RegistryRuleSource() {}

    /** The rule keys of {@code registry}. */
    static RuleSource of(Registry registry) {
        return (service, kind, listener) -> {
            Registry.Watch watch = registry.watchRule(service, kind,
                    value -> listener.accept(value.map(v -> new RuleSource.RawRule(v.json(), v.revision()))));
            return watch::close;
        };
    }
}
