package io.weft.internal.cluster;

import io.weft.ServiceInstance;
import io.weft.spi.Endpoint;
import java.util.ArrayList;
import java.util.List;

/** An endpoint with settable load, for balancer tests. */
final class FakeEndpoint implements Endpoint {
    private final ServiceInstance instance;
    private final double weight;
    volatile int inFlight;
    volatile double latencyMillis;

    FakeEndpoint(String host, double weight) {
        this.instance = ServiceInstance.provider("svc", "app", host, 1000);
        this.weight = weight;
    }

    static List<Endpoint> of(double... weights) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            out.add(new FakeEndpoint("10.0.0." + (i + 1), weights[i]));
        }
        return List.copyOf(out);
    }

    @Override
    public ServiceInstance instance() {
        return instance;
    }

    @Override
    public double weight() {
        return weight;
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public double latencyMillis() {
        return latencyMillis;
    }
}
