package io.weft.bench.hotpath;

import io.weft.ClientCall;
import io.weft.ReferenceOptions;
import io.weft.ServiceInstance;
import io.weft.bench.Echo;
import io.weft.internal.testing.TestClientCall;
import io.weft.internal.testing.TestEndpoint;
import io.weft.spi.Endpoint;
import io.weft.spi.LoadBalancer;
import io.weft.spi.LoadBalancerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One pick of each built-in load balancer from a snapshot of 10 endpoints with mixed weights. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoadBalancerPickBenchmark {
    @Param({"random", "round_robin", "least_active", "p2c", "consistent_hash"})
    String balancer;

    private LoadBalancer.Picker picker;
    private ClientCall call;

    @Setup
    public void setUp() throws Exception {
        LoadBalancer lb = ServiceLoader.load(LoadBalancerProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(balancer)).findFirst().orElseThrow()
                .create(ReferenceOptions.builder().build());
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ServiceInstance instance = ServiceInstance.provider(Echo.class.getName(), "echo", "10.0.0." + i, 20880);
            endpoints.add(new TestEndpoint(instance, 50 + 10 * i, i % 3, 1.0));
        }
        picker = lb.picker(List.copyOf(endpoints));
        call = new TestClientCall(Echo.class.getName(), Echo.class.getMethod("echo", String.class), "hello");
        call.metadata().put("user-id", "42");
    }

    @Benchmark
    public Endpoint pick() {
        return picker.pick(call);
    }
}
