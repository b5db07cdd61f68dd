package io.weft.internal.serialization;

import io.weft.WeftConfig;

/**
 * How much work one Hessian 2 read may do, whatever the input says: values decoded (every value,
 * back-references included), nesting depth, and entries of one map, set or fixed-length list.
 * Together with the rule that a map key or set element may not be a collection, map or array
 * (whose hash code can cost 2^depth through back-references, or collide at will), they keep the
 * cost of decoding linear in the input and bounded.
 *
 * @param maxObjects values one read may decode ({@value #MAX_OBJECTS})
 * @param maxDepth values nested inside each other ({@value #MAX_DEPTH})
 * @param maxCollectionSize entries of one map, set or fixed-length list ({@value #MAX_COLLECTION_SIZE})
 */
public record DecodeLimits(int maxObjects, int maxDepth, int maxCollectionSize) {
    public static final String MAX_OBJECTS = "weft.serialization.max-objects";
    public static final String MAX_DEPTH = "weft.serialization.max-depth";
    public static final String MAX_COLLECTION_SIZE = "weft.serialization.max-collection-size";

    /** 1,000,000 values, depth 64, 1,000,000 entries per collection. */
    public static final DecodeLimits DEFAULTS = new DecodeLimits(1_000_000, 64, 1_000_000);

    public DecodeLimits {
        if (maxObjects < 1 || maxDepth < 2 || maxCollectionSize < 1) {
            throw new IllegalArgumentException("decode limits must be positive (depth at least 2): " + maxObjects
                    + ", " + maxDepth + ", " + maxCollectionSize);
        }
    }

    /** The limits configured in {@code config}, each key checked (a bad value names key and value). */
    public static DecodeLimits from(WeftConfig config) {
        return new DecodeLimits(
                config.getInt(MAX_OBJECTS, DEFAULTS.maxObjects, 1, Integer.MAX_VALUE),
                config.getInt(MAX_DEPTH, DEFAULTS.maxDepth, 2, 10_000),
                config.getInt(MAX_COLLECTION_SIZE, DEFAULTS.maxCollectionSize, 1, Integer.MAX_VALUE));
    }
}
