package io.weft.internal;

import io.weft.internal.governance.RuleSource;
import io.weft.spi.Registry;

/** Adapts the registry's rule keys to a {@link RuleSource}. */
final class RegistryRuleSource {
    private RegistryRuleSource() {}

    /** The registry's rule keys, or null without a registry (or before the registry SPI offers rule keys). */
    static RuleSource of(Registry registry) {
        return null; // replaced by Registry.watchRule once the rule-key operations land in the SPI
    }
}
