package io.weft.console;

import java.util.Arrays;

/**
 * A fixed number of time slots (one per {@code step}), each holding one value per {@link Metric};
 * the slot of time t is {@code floorDiv(t, step) mod capacity}, so a write for a newer slot overwrites
 * the oldest and memory never grows. Writing the same slot again replaces it (last heartbeat wins). A
 * value never written, or written as {@code NaN}, reads as absent. Not thread-safe: {@link MetricsHistory}
 * guards it.
 */
final class SeriesRing {
    /** What one slot holds. */
    enum Metric { HEALTH, CALLS_PER_SECOND, ERROR_RATE, P99_MS, INFLIGHT }

    private static final int METRICS = Metric.values().length;

    private final long[] slots;      // the absolute slot number stored at each index; Long.MIN_VALUE: empty
    private final float[] values;    // METRICS floats per index: float halves the memory, and 7 digits suffice
    private long newest = Long.MIN_VALUE;

    SeriesRing(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
        }
        this.slots = new long[capacity];
        Arrays.fill(slots, Long.MIN_VALUE);
        this.values = new float[capacity * METRICS];
    }

    int capacity() {
        return slots.length;
    }

    /** Stores {@code sample} (indexed by {@link Metric#ordinal()}) in absolute slot {@code slot}. */
    void put(long slot, double[] sample) {
        int i = index(slot);
        slots[i] = slot;
        for (int m = 0; m < METRICS; m++) {
            values[i * METRICS + m] = (float) sample[m];
        }
        newest = Math.max(newest, slot);
    }

    /**
     * The value of {@code metric} in {@code slot}, or {@code NaN} when absent or overwritten; the float
     * is widened through its shortest decimal form, so 0.1 reads back as 0.1, not 0.10000000149.
     */
    double get(long slot, Metric metric) {
        int i = index(slot);
        if (slots[i] != slot) {
            return Double.NaN;
        }
        float v = values[i * METRICS + metric.ordinal()];
        return Float.isNaN(v) ? Double.NaN : Double.parseDouble(Float.toString(v));
    }

    /** Whether {@code slot} was written (with any values) and not yet overwritten. */
    boolean has(long slot) {
        return slots[index(slot)] == slot;
    }

    /** The newest slot written, or {@link Long#MIN_VALUE} when none. */
    long newest() {
        return newest;
    }

    private int index(long slot) {
        return (int) Math.floorMod(slot, (long) slots.length);
    }
}
