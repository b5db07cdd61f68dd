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
import org.junit.jupiter.api.Test;

class LoadBalancerMathTest {

    private static Map<Endpoint, Integer> count(LoadBalancer.Picker picker, int n) {
        Map<Endpoint, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(picker.pick(new TestClientCall("svc", null)), 1, Integer::sum);
        }
        return counts;
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
        Map<Endpoint, Integer> counts = count(new RandomPicker(new WeightedTable(eps)), 60_000);
        assertThat(counts.get(eps.get(0)) / 60_000.0).isCloseTo(1 / 6.0, offset(0.01));
        assertThat(counts.get(eps.get(2)) / 60_000.0).isCloseTo(3 / 6.0, offset(0.01));
    }

    @Test
    void allZeroWeightsCountAsEqual() {
        List<Endpoint> eps = TestEndpoint.of(0, 0);
        Map<Endpoint, Integer> counts = count(new RandomPicker(new WeightedTable(eps)), 10_000);
        assertThat(counts.get(eps.get(0)) / 10_000.0).isCloseTo(0.5, offset(0.03));
    }

    @Test
    void leastActivePicksTheFewestInFlightAndBreaksTiesByWeight() {
        List<Endpoint> eps = List.of(TestEndpoint.idle("10.0.0.1", 1).withLoad(5, 0), TestEndpoint.idle("10.0.0.2", 1),
                TestEndpoint.idle("10.0.0.3", 3));
        Map<Endpoint, Integer> counts = count(new LeastActivePicker(new WeightedTable(eps)), 40_000);
        assertThat(counts.get(eps.get(0))).isNull();
        assertThat(counts.get(eps.get(2)) / 40_000.0).isCloseTo(0.75, offset(0.02));
    }

    @Test
    void p2cPrefersTheLessLoadedEndpoint() {
        Endpoint busy = TestEndpoint.idle("10.0.0.1", 1).withLoad(10, 5);
        List<Endpoint> eps = List.of(busy, TestEndpoint.idle("10.0.0.2", 1).withLoad(0, 5));
        Map<Endpoint, Integer> counts = count(new PowerOfTwoPicker(new WeightedTable(eps)), 40_000);
        // the two draws are distinct, so the idle one always wins
        assertThat(counts.get(busy)).isNull();
    }

    @Test
    void p2cFollowsWeightsWhenLoadIsEven() {
        List<Endpoint> eps = TestEndpoint.of(1, 3);
        Map<Endpoint, Integer> counts = count(new PowerOfTwoPicker(new WeightedTable(eps)), 40_000);
        assertThat(counts.get(eps.get(1)) / 40_000.0).isCloseTo(0.75, offset(0.02));
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
