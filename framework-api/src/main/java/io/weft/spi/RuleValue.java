package io.weft.spi;

import static java.util.Objects.requireNonNull;

/**
 * A rule key's value as stored in the registry ({@code /{ns}/rules/{service}/{kind}}), with the
 * revision it was read at.
 *
 * <p>The revision is what {@link Registry#putRule} and {@link Registry#deleteRule} compare against
 * and what instances report in {@code appliedRules}. It is always positive: on etcd it is the key's
 * mod revision; on ZooKeeper it is the node's data version plus one (ZooKeeper numbers a new node's
 * version 0, which would clash with "absent"). Revisions of one key only grow while the key exists;
 * on ZooKeeper a deleted and re-created key starts again at 1, on etcd it never repeats.
 *
 * @param json the rule JSON, as written (not validated here)
 * @param revision the key's revision, {@code > 0}
 */
public record RuleValue(String json, long revision) {
    /**
     * Checks the parts.
     *
     * @param json the rule JSON; must not be null
     * @param revision the key's revision; must be positive
     * @throws IllegalArgumentException when {@code revision} is not positive
     */
    public RuleValue {
        requireNonNull(json, "json");
        if (revision <= 0) {
            throw new IllegalArgumentException("revision must be positive, got " + revision);
        }
    }
}
