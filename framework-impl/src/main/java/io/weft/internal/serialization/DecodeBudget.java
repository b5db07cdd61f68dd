package io.weft.internal.serialization;

import java.util.Collection;
import java.util.Map;

/**
 * What the current read may still do. Two kinds of bound:
 *
 * <ul>
 *   <li>Pre-allocation: hessian-lite allocates arrays and object-definition field tables at the
 *       length the stream announces, before reading any element, so a 16-byte input could otherwise
 *       demand gigabytes. Every pre-allocated element is later filled from at least one input byte,
 *       so valid input never needs more than the bytes it has: that budget starts at the bytes
 *       {@link java.io.InputStream#available()} reports (exact for in-memory and frame bodies), and
 *       at least {@link #MIN_ELEMENTS} for streams that under-report.
 *   <li>Work ({@link DecodeLimits}): values decoded, back-references included ({@link #enter}),
 *       nesting depth, entries per collection ({@link #checkEntries}); and map keys or set
 *       elements that are collections, maps or arrays are refused ({@link #checkKey}).
 * </ul>
 *
 * <p>One per thread; {@link Hessian2Serialization#read} resets it at the start of every read.
 */
final class DecodeBudget {

    /** Floor for streams whose {@code available()} under-reports. */
    static final int MIN_ELEMENTS = 1 << 16;

    /** Slack for the bytes hessian-lite may already hold in its own read buffer. */
    private static final int BUFFER_SLACK = 256;

    private static final ThreadLocal<DecodeBudget> CURRENT = ThreadLocal.withInitial(DecodeBudget::new);

    private long remaining;
    private DecodeLimits limits = DecodeLimits.DEFAULTS;
    private int objectsLeft = DecodeLimits.DEFAULTS.maxObjects();
    private int depth;

    private DecodeBudget() {
    }

    static DecodeBudget current() {
        return CURRENT.get();
    }

    /** Starts a read whose input reports {@code availableBytes}, with the default limits. */
    void reset(int availableBytes) {
        reset(availableBytes, DecodeLimits.DEFAULTS);
    }

    /** Starts a read whose input reports {@code availableBytes}, bounded by {@code limits}. */
    void reset(int availableBytes, DecodeLimits limits) {
        remaining = Math.max((long) availableBytes + BUFFER_SLACK, MIN_ELEMENTS);
        this.limits = limits;
        objectsLeft = limits.maxObjects();
        depth = 0;
    }

    /** Takes {@code count} elements of {@code what} from the budget, or refuses the input. */
    void charge(int count, String what) {
        if (count < 0 || count > remaining) {
            throw new RefusedInputException("Hessian 2 input announces " + count + " " + what
                    + ", more than the input can hold");
        }
        checkEntries(count, what);
        remaining -= count;
    }

    /** One more value (a back-reference counts too), one level deeper; refuses past the limits. */
    void enter() {
        if (--objectsLeft < 0) {
            throw new RefusedInputException("Hessian 2 input has more than " + limits.maxObjects()
                    + " values (" + DecodeLimits.MAX_OBJECTS + ")");
        }
        if (++depth > limits.maxDepth()) {
            throw new RefusedInputException("Hessian 2 input nests too deeply: more than " + limits.maxDepth()
                    + " levels (" + DecodeLimits.MAX_DEPTH + ")");
        }
    }

    /** The value entered last is complete. */
    void exit() {
        depth--;
    }

    /** Refuses a collection that has reached {@code entries} entries when that is over the limit. */
    void checkEntries(int entries, String what) {
        if (entries > limits.maxCollectionSize()) {
            throw new RefusedInputException("Hessian 2 input has more than " + limits.maxCollectionSize() + " "
                    + what + " in one collection (" + DecodeLimits.MAX_COLLECTION_SIZE + ")");
        }
    }

    /**
     * Refuses a map key or set element ({@code what}) that is a collection, map or array: hashing
     * one costs as much as its whole content, which back-references can make 2^depth, and
     * colliding hash codes are trivial to build for them.
     */
    static void checkKey(Object key, String what) {
        if (key instanceof Collection<?> || key instanceof Map<?, ?> || (key != null && key.getClass().isArray())) {
            throw new RefusedInputException("a " + what + " may not be a collection, map or array (got "
                    + key.getClass().getName() + ")");
        }
    }
}
