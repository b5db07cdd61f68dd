package io.weft.internal.cluster;

import io.weft.ClientCall;
import io.weft.spi.Endpoint;
import io.weft.spi.LoadBalancer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code p2c}: power of two choices. Draws two distinct endpoints by weight and keeps the one whose load —
 * EWMA latency × (calls in flight + 1) — is clearly lower; when the two are within
 * {@link #MARGIN} of each other it keeps the first draw, so an evenly loaded cluster receives
 * traffic in proportion to the weights while a slow or congested endpoint is avoided.
 * Thread-safe, no allocation.
 */
final class PowerOfTwoPicker implements LoadBalancer.Picker {
    /** How much cheaper the second draw must be to win. */
    static final double MARGIN = 1.5;
    /** Added to latencies so that two near-zero loopback latencies compare as equal. */
    private static final double LATENCY_FLOOR_MS = 1.0;

    private final WeightedTable table;

    PowerOfTwoPicker(WeightedTable table) {
        this.table = table;
    }

    @Override
    public Endpoint pick(ClientCall call) {
        if (table.size() == 1) {
            return table.get(0);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int ia = table.indexOf(random.nextDouble());
        Endpoint a = table.get(ia);
        Endpoint b = table.get(table.indexOfExcluding(random.nextDouble(), ia));
        return cost(b) * MARGIN < cost(a) ? b : a;
    }

    static double cost(Endpoint e) {
        return (e.latencyMillis() + LATENCY_FLOOR_MS) * (e.inFlight() + 1);
    }
}
