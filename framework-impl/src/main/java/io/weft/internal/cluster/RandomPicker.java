package io.weft.internal.cluster;

import io.weft.ClientCall;
import io.weft.spi.Endpoint;
import io.weft.spi.LoadBalancer;
import java.util.concurrent.ThreadLocalRandom;

/** {@code random}: chooses with probability proportional to the effective weight. Thread-safe. */
final class RandomPicker implements LoadBalancer.Picker {
    private final WeightedTable table;

    RandomPicker(WeightedTable table) {
        this.table = table;
    }

    @Override
    public Endpoint pick(ClientCall call) {
        return table.size() == 1 ? table.get(0) : table.pick(ThreadLocalRandom.current().nextDouble());
    }
}
