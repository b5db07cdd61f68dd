package io.weft.internal.serialization;

/**
 * How many elements the current read may still pre-allocate. hessian-lite allocates arrays and
 * object-definition field tables at the length the stream announces, before reading any element,
 * so a 16-byte input could otherwise demand gigabytes. Every pre-allocated element is later filled
 * from at least one input byte, so valid input never needs more than the bytes it has: the budget
 * starts at the bytes {@link java.io.InputStream#available()} reports (exact for in-memory and frame
 * bodies), and at least {@link #MIN_ELEMENTS} for streams that under-report.
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

    private DecodeBudget() {
    }

    static DecodeBudget current() {
        return CURRENT.get();
    }

    /** Starts a read whose input reports {@code availableBytes}. */
    void reset(int availableBytes) {
        remaining = Math.max((long) availableBytes + BUFFER_SLACK, MIN_ELEMENTS);
    }

    /** Takes {@code count} elements of {@code what} from the budget, or refuses the input. */
    void charge(int count, String what) {
        if (count < 0 || count > remaining) {
            throw new RefusedInputException("Hessian 2 input announces " + count + " " + what
                    + ", more than the input can hold");
        }
        remaining -= count;
    }
}
