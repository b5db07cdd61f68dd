package io.weft;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A point in time by which a call must finish, on the monotonic clock ({@link System#nanoTime()}).
 * Immutable; compare with {@link #min(Deadline)}.
 */
public final class Deadline implements Comparable<Deadline> {
    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * A deadline {@code timeout} from now.
     *
     * @param timeout how long from now; zero or negative gives a deadline already expired
     * @return the deadline
     */
    public static Deadline after(Duration timeout) {
        return afterNanos(timeout.toNanos());
    }

    /**
     * A deadline {@code amount} {@code unit}s from now.
     *
     * @param amount how long from now; zero or negative gives a deadline already expired
     * @param unit the unit of {@code amount}
     * @return the deadline
     */
    public static Deadline after(long amount, TimeUnit unit) {
        return afterNanos(unit.toNanos(amount));
    }

    private static Deadline afterNanos(long nanos) {
        return new Deadline(System.nanoTime() + nanos);
    }

    /**
     * Time left.
     *
     * @param unit the unit of the result
     * @return the time left in {@code unit}, truncated; zero or negative once expired
     */
    public long remaining(TimeUnit unit) {
        return unit.convert(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /**
     * Milliseconds left, rounded up so that a deadline with under a millisecond left is not 0; what
     * travels as {@code :timeout-ms}.
     *
     * @return the milliseconds left, 0 once expired
     */
    public long remainingMillisRoundedUp() {
        long nanos = deadlineNanos - System.nanoTime();
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    /**
     * Whether the deadline has passed.
     *
     * @return true when no time is left
     */
    public boolean isExpired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /**
     * The earlier of this and {@code other}.
     *
     * @param other another deadline, or null (none)
     * @return {@code other} when it is earlier, else this
     */
    public Deadline min(Deadline other) {
        return other == null || compareTo(other) <= 0 ? this : other;
    }

    @Override
    public int compareTo(Deadline o) {
        return Long.compare(deadlineNanos - o.deadlineNanos, 0);
    }

    @Override
    public String toString() {
        return "Deadline[" + remaining(TimeUnit.MILLISECONDS) + "ms left]";
    }
}
