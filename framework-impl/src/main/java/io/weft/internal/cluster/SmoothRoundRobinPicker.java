package io.weft.internal.cluster;

import io.weft.ClientCall;
import io.weft.spi.Endpoint;
import io.weft.spi.LoadBalancer;

/**
 * {@code round_robin}: nginx's smooth weighted round robin. Each pick adds every endpoint's weight
 * to its running score, takes the highest score and subtracts the total from it; weights 5, 1, 1
 * give a, a, b, a, c, a, a. Over any window of (sum of weights) picks each endpoint is chosen
 * exactly in proportion to its weight, interleaved rather than in bursts.
 *
 * <p>Thread-safe: the scores are the only mutable state, updated under this picker's monitor (an
 * O(n) critical section); a new snapshot starts a new picker and sequence.
 */
final class SmoothRoundRobinPicker implements LoadBalancer.Picker {
    private final WeightedTable table;
    private final double[] current;
    private final double total;

    SmoothRoundRobinPicker(WeightedTable table) {
        this.table = table;
        this.current = new double[table.size()];
        double sum = 0;
        for (int i = 0; i < table.size(); i++) {
            sum += table.weight(i);
        }
        this.total = sum;
    }

    @Override
    public Endpoint pick(ClientCall call) {
        int n = current.length;
        if (n == 1) {
            return table.get(0);
        }
        int best;
        synchronized (this) {
            best = 0;
            for (int i = 0; i < n; i++) {
                current[i] += table.weight(i);
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
        }
        return table.get(best);
    }
}
