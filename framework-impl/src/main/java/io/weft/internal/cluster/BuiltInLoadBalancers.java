package io.weft.internal.cluster;

import io.weft.ReferenceOptions;
import io.weft.spi.LoadBalancer;
import io.weft.spi.LoadBalancerProvider;

/**
 * The built-in {@link LoadBalancerProvider}s, registered in
 * {@code META-INF/services/io.weft.spi.LoadBalancerProvider}. Each balancer builds its picker from
 * the snapshot's frozen effective weights.
 */
public final class BuiltInLoadBalancers {
    private BuiltInLoadBalancers() {}

    /** {@code random}: weighted random. */
    public static final class Random implements LoadBalancerProvider {
        @Override
        public String name() {
            return "random";
        }

        @Override
        public LoadBalancer create(ReferenceOptions options) {
            return endpoints -> new RandomPicker(new WeightedTable(endpoints));
        }
    }

    /** {@code round_robin}: smooth weighted round robin. */
    public static final class RoundRobin implements LoadBalancerProvider {
        @Override
        public String name() {
            return "round_robin";
        }

        @Override
        public LoadBalancer create(ReferenceOptions options) {
            return endpoints -> new SmoothRoundRobinPicker(new WeightedTable(endpoints));
        }
    }

    /** {@code least_active}: fewest calls in flight, weighted ties. */
    public static final class LeastActive implements LoadBalancerProvider {
        @Override
        public String name() {
            return "least_active";
        }

        @Override
        public LoadBalancer create(ReferenceOptions options) {
            return endpoints -> new LeastActivePicker(new WeightedTable(endpoints));
        }
    }

    /** {@code consistent_hash}: hash ring over {@code ReferenceOptions.hashKey}. */
    public static final class ConsistentHash implements LoadBalancerProvider {
        @Override
        public String name() {
            return "consistent_hash";
        }

        @Override
        public LoadBalancer create(ReferenceOptions options) {
            String spec = options.hashKey();
            String metadataKey = spec != null && spec.startsWith("metadata:") ? spec.substring("metadata:".length())
                    : null;
            return endpoints -> new ConsistentHashPicker(endpoints, metadataKey);
        }
    }

    /** {@code p2c}: power of two choices on EWMA latency × in-flight; the default. */
    public static final class PowerOfTwo implements LoadBalancerProvider {
        @Override
        public String name() {
            return "p2c";
        }

        @Override
        public LoadBalancer create(ReferenceOptions options) {
            return endpoints -> new PowerOfTwoPicker(new WeightedTable(endpoints));
        }
    }
}
