package io.weft.internal.serialization;

import io.weft.WeftConfig;
import io.weft.WeftKeys;

/**
 * How much work one Hessian 2 read may do, whatever the input says: values decoded (every value,
 * back-references included), nesting depth, and entries of one map, set or fixed-length list.
 * Together with the rule that a map key or set element may not be a collection, map or array
 * (whose hash code can cost 2^depth through back-references, or collide at will), they keep the
 * cost of decoding linear in the input and bounded.
 *
 * @param maxObjects values one read may decode ({@code weft.serialization.max-objects})
 * @param maxDepth values nested inside each other ({@code weft.serialization.max-depth})
 * @param maxCollectionSize entries of one map, set or fixed-length list ({@code weft.serialization.max-collection-size})
 */
public record DecodeLimits(int maxObjects, int maxDepth, int maxCollectionSize) {
    public static final String MAX_OBJECTS = WeftKeys.SERIALIZATION_MAX_OBJECTS.name();
    public static final String MAX_DEPTH = WeftKeys.SERIALIZATION_MAX_DEPTH.name();
    public static final String MAX_COLLECTION_SIZE = WeftKeys.SERIALIZATION_MAX_COLLECTION_SIZE.name();

    /** The catalogue's defaults: 1,000,000 values, depth 64, 1,000,000 entries per collection. */
    public static final DecodeLimits DEFAULTS = new DecodeLimits(WeftKeys.SERIALIZATION_MAX_OBJECTS.defaultValue(),
            WeftKeys.SERIALIZATION_MAX_DEPTH.defaultValue(), WeftKeys.SERIALIZATION_MAX_COLLECTION_SIZE.defaultValue());

    public DecodeLimits {
        if (maxObjects < 1 || maxDepth < 2 || maxCollectionSize < 1) {
            throw new IllegalArgumentException("decode limits must be positive (depth at least 2): " + maxObjects
                    + ", " + maxDepth + ", " + maxCollectionSize);
        }
    }

    /** The limits configured in {@code config}, each key checked (a bad value names key and value). */
    public static DecodeLimits from(WeftConfig config) {
        return new DecodeLimits(
                config.get(WeftKeys.SERIALIZATION_MAX_OBJECTS),
                config.get(WeftKeys.SERIALIZATION_MAX_DEPTH),
                config.get(WeftKeys.SERIALIZATION_MAX_COLLECTION_SIZE));
    }
}
