package io.weft.internal.testing;

import io.weft.ServiceInstance;
import io.weft.spi.Endpoint;
import java.util.ArrayList;
import java.util.List;

/** An endpoint with a fixed weight and load, for load balancer tests and benchmarks. */
public record TestEndpoint(ServiceInstance instance, double weight, int inFlight, double latencyMillis)
        implements Endpoint {

    /** An idle provider {@code host:1000} of service {@code svc}. */
    public static TestEndpoint idle(String host, double weight) {
        return new TestEndpoint(ServiceInstance.provider("svc", "app", host, 1000), weight, 0, 0);
    }

    /** Idle endpoints 10.0.0.1, 10.0.0.2… with {@code weights}. */
    public static List<Endpoint> of(double... weights) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            out.add(idle("10.0.0." + (i + 1), weights[i]));
        }
        return List.copyOf(out);
    }

    /** This endpoint with {@code inFlight} calls under way and an average latency of {@code latencyMillis}. */
    public TestEndpoint withLoad(int inFlight, double latencyMillis) {
        return new TestEndpoint(instance, weight, inFlight, latencyMillis);
    }
}
