package io.weft.internal.observe;

import io.weft.Status;
import io.weft.spi.CallListener.Side;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bounded, lock-free queue of access-log entries from many calling threads to one writer thread
 * (D. Vyukov's bounded array queue, one consumer). The slots are made once: offering copies a call's
 * fields into a free slot, so the calling thread allocates nothing, formats nothing and never waits —
 * when every slot is taken, {@link #offer} says no at once.
 */
final class AccessLogQueue {
    private static final VarHandle SEQUENCE;

    static {
        try {
            SEQUENCE = MethodHandles.lookup().findVarHandle(Entry.class, "sequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One line's fields; valid only inside {@link #drain}'s consumer. */
    static final class Entry {
        @SuppressWarnings("unused") // through SEQUENCE
        private long sequence;
        Side side;
        String service;
        String method;
        Status status;
        long micros;
        String peer;
        String app;
        String traceparent;

        Entry(long sequence) {
            this.sequence = sequence;
        }
    }

    private final Entry[] slots;
    private final int mask;
    private final AtomicLong tail = new AtomicLong(); // next position to claim (producers)
    private long head; // next position to read (the one consumer)

    /** @param capacity rounded up to a power of two, at least 2 */
    AccessLogQueue(int capacity) {
        int size = Math.max(2, Integer.highestOneBit(capacity - 1) << 1);
        slots = new Entry[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new Entry(i);
        }
        mask = size - 1;
    }

    int capacity() {
        return slots.length;
    }

    /**
     * Copies one line's fields into a free slot; any thread.
     *
     * @return the position taken (0, 1, 2, …), or −1 when the queue is full (nothing was kept)
     */
    long offer(Side side, String service, String method, Status status, long micros, String peer, String app,
               String traceparent) {
        long pos = tail.get();
        Entry e;
        for (;;) {
            e = slots[(int) pos & mask];
            long diff = (long) SEQUENCE.getAcquire(e) - pos;
            if (diff == 0) {
                if (tail.weakCompareAndSetVolatile(pos, pos + 1)) {
                    break;
                }
                pos = tail.get();
            } else if (diff < 0) {
                return -1; // the slot still holds the line from one lap before: full
            } else {
                pos = tail.get(); // another producer took it
            }
        }
        e.side = side;
        e.service = service;
        e.method = method;
        e.status = status;
        e.micros = micros;
        e.peer = peer;
        e.app = app;
        e.traceparent = traceparent;
        SEQUENCE.setRelease(e, pos + 1);
        return pos;
    }

    /**
     * Hands the published entries, oldest first, to {@code consumer} and frees their slots; the one
     * consumer thread only. Stops at the first slot whose producer has not finished writing it.
     *
     * @return how many entries were handed over
     */
    int drain(Consumer<Entry> consumer, int max) {
        int n = 0;
        while (n < max) {
            Entry e = slots[(int) head & mask];
            if ((long) SEQUENCE.getAcquire(e) != head + 1) {
                break;
            }
            try {
                consumer.accept(e);
            } finally {
                e.service = e.method = e.peer = e.app = e.traceparent = null;
                SEQUENCE.setRelease(e, head + slots.length);
                head++;
                n++;
            }
        }
        return n;
    }
}
