package io.weft.internal.cluster;

import io.weft.ClientCall;
import io.weft.spi.Endpoint;
import io.weft.spi.LoadBalancer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code least_active}: the endpoint with the fewest calls in flight from this consumer; ties are
 * broken by weighted random choice. Two passes over the snapshot, no allocation. Thread-safe.
 */
final class LeastActivePicker implements LoadBalancer.Picker {
    private final WeightedTable table;

    LeastActivePicker(WeightedTable table) {
        this.table = table;
    }

    @Override
    public Endpoint pick(ClientCall call) {
        int n = table.size();
        if (n == 1) {
            return table.get(0);
        }
        int least = Integer.MAX_VALUE;
        double tiedWeight = 0;
        for (int i = 0; i < n; i++) {
            int active = table.get(i).inFlight();
            if (active < least) {
                least = active;
                tiedWeight = table.weight(i);
            } else if (active == least) {
                tiedWeight += table.weight(i);
            }
        }
        double r = ThreadLocalRandom.current().nextDouble() * tiedWeight;
        Endpoint last = null;
        for (int i = 0; i < n; i++) {
            Endpoint e = table.get(i);
            if (e.inFlight() == least) {
                last = e;
                r -= table.weight(i);
                if (r < 0) {
                    return e;
                }
            }
        }
        // in-flight counts moved between the passes: any endpoint is an acceptable answer
        return last != null ? last : table.get(n - 1);
    }
}
