package io.weft.internal.governance;

import java.util.Optional;
import java.util.function.Consumer;

/** Where rule JSON comes from: the registry's rule keys (or a fake in unit tests). */
@FunctionalInterface
public interface RuleSource {
    /**
     * Watches {@code /{ns}/rules/{service}/{kind}}; {@code listener} gets the current value first
     * (empty: no key) and each change after, one call at a time.
     */
    AutoCloseable watch(String service, String kind, Consumer<Optional<RawRule>> listener);

    /** Rule JSON as stored, with the registry's revision of it. */
    record RawRule(String json, long revision) {}
}
