package io.weft.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.weft.ReferenceOptions;
import io.weft.internal.testing.TestClientCall;
import io.weft.internal.testing.TestEndpoint;
import io.weft.spi.Endpoint;
import io.weft.spi.LoadBalancer;
import io.weft.spi.LoadBalancerProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LoadBalancerMathTest {

    /** The share of {@code n} picks that each of {@code eps} got, by index. */
    private static double[] shares(Function<WeightedTable, LoadBalancer.Picker> balancer, List<Endpoint> eps, int n) {
        LoadBalancer.Picker picker = balancer.apply(new WeightedTable(eps));
        double[] shares = new double[eps.size()];
        for (int i = 0; i < n; i++) {
            shares[eps.indexOf(picker.pick(new TestClientCall("svc", null)))] += 1.0 / n;
        }
        return shares;
    }

    @Test
    void smoothRoundRobinInterleavesInProportionToWeights() {
        List<Endpoint> eps = TestEndpoint.of(5, 1, 1);
        SmoothRoundRobinPicker picker = new SmoothRoundRobinPicker(new WeightedTable(eps));
        StringBuilder seq = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            seq.append((char) ('a' + eps.indexOf(picker.pick(new TestClientCall("svc", null)))));
        }
        assertThat(seq.toString()).isEqualTo("aabacaa" + "aabacaa");
    }

    @Test
    void weightedRandomMatchesWeights() {
        List<Endpoint> eps = TestEndpoint.of(1, 2, 3);
        double[] shares = shares(RandomPicker::new, eps, 60_000);
        assertThat(shares[0]).isCloseTo(1 / 6.0, offset(0.01));
        assertThat(shares[2]).isCloseTo(3 / 6.0, offset(0.01));
    }

    @Test
    void allZeroWeightsCountAsEqual() {
        List<Endpoint> eps = TestEndpoint.of(0, 0);
        assertThat(shares(RandomPicker::new, eps, 10_000)[0]).isCloseTo(0.5, offset(0.03));
    }

    @Test
    void leastActivePicksTheFewestInFlightAndBreaksTiesByWeight() {
        List<Endpoint> eps = List.of(TestEndpoint.idle("10.0.0.1", 1).withLoad(5, 0), TestEndpoint.idle("10.0.0.2", 1),
                TestEndpoint.idle("10.0.0.3", 3));
        double[] shares = shares(LeastActivePicker::new, eps, 40_000);
        assertThat(shares[0]).isZero();
        assertThat(shares[2]).isCloseTo(0.75, offset(0.02));
    }

    @Test
    void p2cPrefersTheLessLoadedEndpoint() {
        Endpoint busy = TestEndpoint.idle("10.0.0.1", 1).withLoad(10, 5);
        List<Endpoint> eps = List.of(busy, TestEndpoint.idle("10.0.0.2", 1).withLoad(0, 5));
        // the two draws are distinct, so the idle one always wins
        assertThat(shares(PowerOfTwoPicker::new, eps, 40_000)[eps.indexOf(busy)]).isZero();
    }

    @Test
    void p2cFollowsWeightsWhenLoadIsEven() {
        List<Endpoint> eps = TestEndpoint.of(1, 3);
        assertThat(shares(PowerOfTwoPicker::new, eps, 40_000)[1]).isCloseTo(0.75, offset(0.02));
    }

    @Test
    void secondDrawIsDistinctAndWeighted() {
        WeightedTable table = new WeightedTable(TestEndpoint.of(1, 2, 3));
        int[] counts = new int[3];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 30_000; i++) {
            int j = table.indexOfExcluding(random.nextDouble(), 2);
            assertThat(j).isNotEqualTo(2);
            counts[j]++;
        }
        assertThat(counts[1] / 30_000.0).isCloseTo(2 / 3.0, offset(0.02));
    }

    @Test
    void consistentHashRemapsAboutOneNthWhenOneOfNLeaves() {
        List<Endpoint> ten = TestEndpoint.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        ConsistentHashPicker before = new ConsistentHashPicker(ten, null);
        List<Endpoint> nine = new ArrayList<>(ten);
        Endpoint gone = nine.remove(4);
        ConsistentHashPicker after = new ConsistentHashPicker(nine, null);
        int keys = 20_000;
        int moved = 0;
        Map<Endpoint, Integer> load = new HashMap<>();
        for (int k = 0; k < keys; k++) {
            TestClientCall call = new TestClientCall("svc", null, "key-" + k);
            Endpoint b = before.pick(call);
            Endpoint a = after.pick(call);
            load.merge(b, 1, Integer::sum);
            if (a != b) {
                moved++;
                assertThat(b).as("only keys of the endpoint that left move").isSameAs(gone);
            }
            assertThat(before.pick(call)).isSameAs(b);
        }
        double fraction = (double) moved / keys;
        assertThat(fraction).isCloseTo(0.1, offset(0.04));
        assertThat(load.values()).allSatisfy(n -> assertThat(n).isBetween(keys / 10 / 2, keys / 10 * 2));
    }

    @Test
    void consistentHashCanUseAMetadataKey() {
        List<Endpoint> eps = TestEndpoint.of(1, 1, 1);
        ConsistentHashPicker picker = new ConsistentHashPicker(eps, "user-id");
        Map<Endpoint, Integer> owners = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            TestClientCall call = new TestClientCall("svc", null, "varies-" + i);
            call.metadata().put("user-id", "u42");
            owners.merge(picker.pick(call), 1, Integer::sum);
        }
        assertThat(owners).hasSize(1);
    }

    @Test
    void everyBuiltInBalancerIsFoundByName() {
        Map<String, LoadBalancerProvider> byName = new HashMap<>();
        ServiceLoader.load(LoadBalancerProvider.class).forEach(p -> byName.put(p.name(), p));
        assertThat(byName).containsKeys("random", "round_robin", "least_active", "consistent_hash", "p2c");
        List<Endpoint> eps = TestEndpoint.of(1, 2);
        byName.values().forEach(p -> assertThat(eps)
                .contains(p.create(ReferenceOptions.defaults()).picker(eps).pick(new TestClientCall("svc", null, "x"))));
    }
}
