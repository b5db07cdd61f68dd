package io.weft.internal.client;

import io.weft.ServiceInstance;
import io.weft.spi.Endpoint;

/** An {@link EndpointState} as one snapshot shows it to load balancers: weight frozen, load live. */
final class SnapshotEndpoint implements Endpoint {
    final EndpointState state;
    private final ServiceInstance instance;
    private final double weight;

    SnapshotEndpoint(EndpointState state, double weight) {
        this.state = state;
        this.instance = state.instance;
        this.weight = weight;
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
        return state.inFlight.get();
    }

    @Override
    public double latencyMillis() {
        return state.latencyMillis();
    }

    @Override
    public String address() {
        return state.address;
    }

    @Override
    public String toString() {
        return state.address + "(w=" + weight + ")";
    }
}
