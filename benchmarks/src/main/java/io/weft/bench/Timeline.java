package io.weft.bench;

import io.weft.RpcException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Call outcomes by completion time, printed in 200 ms buckets and per second. Recording is
 * lock-free and allocates only a new 64 Ki-event chunk now and then, so the recorder costs the
 * driver the same at the 50,000th call as at the first (a copy-on-write list, used before, copied
 * every event so far on each call: at 6,000 calls/s the driver itself stalled for seconds).
 */
final class Timeline {
    static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int MAX_CHUNKS = 1024; // 64 Mi events

    /** Chunks of {end, latency, code} triples. */
    private final AtomicReferenceArray<long[]> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
    private final AtomicInteger count = new AtomicInteger();
    private final List<String> marks = new CopyOnWriteArrayList<>();
    private volatile long origin;
    private volatile boolean recording;
    private long stoppedAt;
    private volatile long markedAt;

    void start() {
        origin = System.nanoTime();
        recording = true;
    }

    long origin() {
        return origin;
    }

    void stop() {
        recording = false;
        stoppedAt = System.nanoTime();
    }

    void mark(String what) {
        markedAt = System.nanoTime() - origin;
        marks.add(String.format("%6d ms  %s", FaultScenarios.ms(origin), what));
    }

    /** One call that started at {@code startNanos} ended now, with {@code error} (null: success). */
    void record(long startNanos, Throwable error) {
        if (!recording) {
            return;
        }
        long end = System.nanoTime();
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        int code = t == null ? 0 : t instanceof RpcException r ? r.status().code() : 2;
        int i = count.getAndIncrement();
        int c = i >>> CHUNK_SHIFT;
        if (c >= MAX_CHUNKS) {
            return; // full: drop
        }
        long[] chunk = chunks.get(c);
        if (chunk == null) {
            chunks.compareAndSet(c, null, new long[CHUNK * 3]);
            chunk = chunks.get(c);
        }
        int at = (i & (CHUNK - 1)) * 3;
        chunk[at + 1] = end - startNanos;
        chunk[at + 2] = code;
        chunk[at] = end - origin; // written last; print() runs after stop(), past every record
    }

    /** Every event recorded so far as {end, latency, code}; call after {@link #stop} and a pause. */
    private List<long[]> events() {
        int n = Math.min(count.get(), CHUNK * MAX_CHUNKS);
        List<long[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] chunk = chunks.get(i >>> CHUNK_SHIFT);
            int at = (i & (CHUNK - 1)) * 3;
            if (chunk[at] != 0) { // 0: a record still under way at stop()
                out.add(new long[] {chunk[at], chunk[at + 1], chunk[at + 2]});
            }
        }
        return out;
    }

    void print() {
        List<long[]> events = events();
        marks.forEach(System.out::println);
        int buckets = (int) ((stoppedAt - origin) / BUCKET_NANOS) + 1;
        System.out.println("  t(ms)     ok  ok_max(ms)  refused(8) ref_max(ms)  deadline(4) unavail(14) other");
        for (int b = 0; b < buckets; b++) {
            long from = b * BUCKET_NANOS;
            long to = from + BUCKET_NANOS;
            long ok = 0, okMax = 0, refused = 0, refMax = 0, deadline = 0, unavailable = 0, other = 0;
            for (long[] e : events) {
                if (e[0] < from || e[0] >= to) {
                    continue;
                }
                switch ((int) e[2]) {
                    case 0 -> { ok++; okMax = Math.max(okMax, e[1]); }
                    case 8 -> { refused++; refMax = Math.max(refMax, e[1]); }
                    case 4 -> deadline++;
                    case 14 -> unavailable++;
                    default -> other++;
                }
            }
            System.out.printf("%7d %6d %11d %11d %11d %12d %11d %5d%n", from / 1_000_000, ok, okMax / 1_000_000,
                    refused, refMax / 1_000_000, deadline, unavailable, other);
        }
    }

    /** After the first mark: calls held over 1 s, and when throughput got back above 80 % of before. */
    void recovery() {
        List<long[]> events = events();
        long mark = markedAt;
        long before = events.stream().filter(e -> e[0] < mark && e[2] == 0).count();
        double perBucket = before / (double) (mark / BUCKET_NANOS);
        long stuck = events.stream().filter(e -> e[0] >= mark && e[1] > TimeUnit.SECONDS.toNanos(1)).count();
        long maxLatency = events.stream().filter(e -> e[0] >= mark).mapToLong(e -> e[1]).max().orElse(0);
        int buckets = (int) ((stoppedAt - origin) / BUCKET_NANOS);
        long lowUntil = mark;
        for (int b = (int) (mark / BUCKET_NANOS); b < buckets; b++) {
            long from = b * BUCKET_NANOS;
            long ok = events.stream().filter(e -> e[0] >= from && e[0] < from + BUCKET_NANOS && e[2] == 0).count();
            if (ok < 0.8 * perBucket) {
                lowUntil = from + BUCKET_NANOS;
            }
        }
        long errors = events.stream().filter(e -> e[0] >= mark && e[2] != 0).count();
        System.out.printf("baseline %.0f ok/200ms; after the event: %d calls took > 1 s, slowest %d ms, "
                        + "%d failed; throughput below 80 %% for %d ms (last such bucket ends at %d ms)%n",
                perBucket, stuck, maxLatency / 1_000_000, errors, (lowUntil - mark) / 1_000_000,
                lowUntil / 1_000_000);
    }

    /**
     * Per second of completion: calls admitted (answered), their p99; refused ({@code RESOURCE_EXHAUSTED}),
     * their p99 and max; {@code DEADLINE_EXCEEDED} and their p99; anything else.
     */
    void perSecond() {
        List<long[]> events = events();
        long seconds = (stoppedAt - origin) / 1_000_000_000L + 1;
        System.out.println("second   admitted  adm_p99  refused  ref_p99  ref_max  deadline  dl_p99  other");
        for (int s = 0; s < seconds; s++) {
            long from = s * 1_000_000_000L;
            List<Long> ok = new ArrayList<>();
            List<Long> refused = new ArrayList<>();
            List<Long> deadline = new ArrayList<>();
            long other = 0;
            for (long[] e : events) {
                if (e[0] >= from && e[0] < from + 1_000_000_000L) {
                    switch ((int) e[2]) {
                        case 0 -> ok.add(e[1]);
                        case 8 -> refused.add(e[1]);
                        case 4 -> deadline.add(e[1]);
                        default -> other++;
                    }
                }
            }
            System.out.printf("%6d %10d %8d %8d %8d %8d %9d %7d %6d%n", s, ok.size(), p99(ok), refused.size(),
                    p99(refused), refused.stream().mapToLong(Long::longValue).max().orElse(0) / 1_000_000,
                    deadline.size(), p99(deadline), other);
        }
    }

    private static long p99(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v[(int) Math.min(v.length - 1, Math.ceil(v.length * 0.99) - 1)] / 1_000_000;
    }
}
