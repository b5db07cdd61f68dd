package io.weft.internal.cluster;

import io.weft.spi.Endpoint;
import java.util.List;

/**
 * Prefix sums of the endpoints' frozen weights, built once per snapshot, for weighted random
 * choice in O(log n) without allocation. When every weight is 0 the endpoints count as equal.
 * Immutable and thread-safe.
 */
final class WeightedTable {
    private final Endpoint[] endpoints;
    private final double[] cumulative;
    private final double total;

    WeightedTable(List<Endpoint> list) {
        endpoints = list.toArray(Endpoint[]::new);
        cumulative = new double[endpoints.length];
        double sum = 0;
        for (int i = 0; i < endpoints.length; i++) {
            sum += Math.max(endpoints[i].weight(), 0);
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            for (int i = 0; i < endpoints.length; i++) {
                cumulative[i] = i + 1;
            }
            sum = endpoints.length;
        }
        total = sum;
    }

    int size() {
        return endpoints.length;
    }

    Endpoint get(int index) {
        return endpoints[index];
    }

    /** The endpoint whose weight interval holds {@code u} ∈ [0, 1). */
    Endpoint pick(double u) {
        return endpoints[indexOf(u)];
    }

    int indexOf(double u) {
        double target = u * total;
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Like {@link #indexOf} over every endpoint but {@code excluded}: a second, distinct weighted
     * draw. Requires at least two endpoints.
     */
    int indexOfExcluding(double u, int excluded) {
        double before = excluded == 0 ? 0 : cumulative[excluded - 1];
        double w = cumulative[excluded] - before;
        double target = u * (total - w);
        if (target >= before) {
            target += w;
        }
        int i = indexOf(Math.min(target / total, Math.nextDown(1.0)));
        return i == excluded ? (excluded + 1) % endpoints.length : i;
    }

    /** The weight used for {@code index} (1 when all weights were 0). */
    double weight(int index) {
        return index == 0 ? cumulative[0] : cumulative[index] - cumulative[index - 1];
    }
}
