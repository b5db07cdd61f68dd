package io.weft.registry.support;

import io.weft.spi.RuleValue;
import java.util.Optional;

/**
 * The rule keys of one backend ({@code /{ns}/rules/{service}/{kind}}, DESIGN §5): reads and
 * revision-checked writes. {@link AbstractRegistry} checks the registry is open, builds the key and
 * checks the arguments, then calls this. Implementations are thread-safe and block at most the
 * registry's timeout.
 *
 * <p>Revisions as in {@link RuleValue}: {@code 0} means absent, {@code -1} means "any".
 */
public interface RuleStore {
    /** The value at {@code key}, empty when the key is absent. */
    Optional<RuleValue> get(String key);

    /**
     * Writes {@code json} at {@code key} if its revision is {@code expectedRevision}.
     *
     * @return the new revision
     * @throws io.weft.spi.RevisionConflictException when the key's revision differs
     */
    long put(String key, String json, long expectedRevision);

    /**
     * Deletes {@code key} if its revision is {@code expectedRevision}.
     *
     * @return whether a key was deleted
     * @throws io.weft.spi.RevisionConflictException when the key's revision differs
     */
    boolean delete(String key, long expectedRevision);
}
