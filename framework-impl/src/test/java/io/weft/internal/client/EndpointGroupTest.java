package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.weft.Deadline;
import io.weft.ServiceInstance;
import io.weft.spi.LoadBalancer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The coordinator with its three rooms on virtual time: a directory the test edits, a queue for
 * the cluster executor, fake clocks and probes the test answers. No sockets, no sleeps.
 */
class EndpointGroupTest {
    private static final HealthSettings HEALTH = new HealthSettings(0.5, 0.5, Duration.ofSeconds(1),
            Duration.ofSeconds(8), 0.5, Duration.ofSeconds(30), Duration.ofMillis(250), 8, Duration.ofSeconds(1));
    /** Picks the first endpoint; the pick path is what is under test, not a balancer. */
    private static final LoadBalancer FIRST = endpoints -> call -> endpoints.get(0);

    interface Greeter {
        String greet(String name);
    }

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong wallMillis = new AtomicLong(1_000_000);
    private final Queue<Runnable> clusterTasks = new ArrayDeque<>();
    private final Queue<CompletableFuture<Void>> probes = new ArrayDeque<>();
    private volatile List<ServiceInstance> instances = List.of();
    private final Directory directory = Directory.of(() -> instances);
    private final EndpointGroup group = new EndpointGroup("svc", directory, FIRST, HEALTH, clusterTasks::add, null,
            nanos::get, wallMillis::get, i -> {
                CompletableFuture<Void> answer = new CompletableFuture<>();
                probes.add(answer);
                return answer;
            }, ClusterUpkeep.inert());

    private static ServiceInstance instance(int n) {
        return ServiceInstance.provider("svc", "app", "10.0.0." + n, 20880).withStartedAt(0);
    }

    private void runClusterTasks() {
        for (Runnable task; (task = clusterTasks.poll()) != null; ) {
            task.run();
        }
    }

    private List<String> inSnapshot() {
        return group.snapshot().endpoints().stream().map(SnapshotEndpoint::address).toList();
    }

    private static OutgoingCall call() throws NoSuchMethodException {
        ClientMethod method = new ClientMethod(Greeter.class.getName(), Greeter.class.getMethod("greet", String.class),
                false, Duration.ofSeconds(1), "web");
        return new OutgoingCall(method, new Object[] {"Ada"}, Map.of(), null, Deadline.after(Duration.ofSeconds(1)));
    }

    @Test
    void snapshotHoldsTheInstancesInRotationAndAllOfThemWhenNoneIs() {
        instances = List.of(instance(1), instance(2), instance(3));
        assertThat(inSnapshot()).containsExactly("10.0.0.1:20880", "10.0.0.2:20880", "10.0.0.3:20880");

        group.onConnectionEvent("10.0.0.2:20880", ConnectionListener.Event.CLOSED);
        runClusterTasks();
        assertThat(inSnapshot()).containsExactly("10.0.0.1:20880", "10.0.0.3:20880");

        group.onConnectionEvent("10.0.0.1:20880", ConnectionListener.Event.GOAWAY);
        group.onConnectionEvent("10.0.0.3:20880", ConnectionListener.Event.STALLED);
        runClusterTasks();
        assertThat(inSnapshot()).as("panic mode").hasSize(3);
    }

    @Test
    void pickReadsTheSnapshotAndSkipsInstancesAlreadyTried() throws Exception {
        instances = List.of(instance(1), instance(2));
        OutgoingCall call = call();

        EndpointState first = group.pick(call, null);
        EndpointState second = group.pick(call, List.of(first));

        assertThat(first.address).isEqualTo("10.0.0.1:20880");
        assertThat(second.address).isEqualTo("10.0.0.2:20880");
        assertThat(group.pick(call, List.of(first, second))).isNull();
        assertThat(group.pickMany(call, 5)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void instanceDiscoveredLaterJoinsOnlyAfterItAnswersAPing() {
        instances = List.of(instance(1));
        group.snapshot();
        instances = List.of(instance(1), instance(2));

        assertThat(inSnapshot()).containsExactly("10.0.0.1:20880");
        runClusterTasks(); // the joining probe starts
        assertThat(probes).hasSize(1);
        probes.poll().complete(null);
        runClusterTasks();

        assertThat(inSnapshot()).containsExactly("10.0.0.1:20880", "10.0.0.2:20880");
    }

    @Test
    void warmUpRampsAFreshInstancesWeightIntoTheSnapshotOnTicks() {
        instances = List.of(instance(1).withWeight(100).withStartedAt(wallMillis.get()));
        assertThat(group.snapshot().endpoints().get(0).weight()).isCloseTo(5, within(1e-9));

        wallMillis.addAndGet(TimeUnit.SECONDS.toMillis(15));
        group.tick();
        assertThat(group.snapshot().endpoints().get(0).weight()).isCloseTo(50, within(1e-9));

        wallMillis.addAndGet(TimeUnit.SECONDS.toMillis(60));
        group.tick();
        assertThat(group.snapshot().endpoints().get(0).weight()).isCloseTo(100, within(1e-9));
    }

    @Test
    void aGroupOfServingWarmIdleInstancesNeedsNoUpkeep() {
        instances = List.of(instance(1), instance(2));
        assertThat(group.needsUpkeep()).as("snapshot behind the directory").isTrue();

        assertThat(group.tick()).isFalse();
        assertThat(group.needsUpkeep()).isFalse();
    }

    @Test
    void upkeepIsNeededWhileCallsAreInFlight() {
        instances = List.of(instance(1));
        group.tick();
        EndpointState s = group.state("10.0.0.1:20880");

        s.inFlight.incrementAndGet();
        assertThat(group.needsUpkeep()).isTrue();
        s.inFlight.decrementAndGet();
        assertThat(group.needsUpkeep()).isFalse();
    }

    @Test
    void upkeepIsNeededUntilAClosedConnectionIsBackInRotation() {
        instances = List.of(instance(1), instance(2));
        group.tick();

        group.onConnectionEvent("10.0.0.2:20880", ConnectionListener.Event.CLOSED);
        assertThat(group.tick()).as("down: reconnect on the next ticks").isTrue();
        runClusterTasks();
        assertThat(probes).hasSize(1);
        assertThat(group.needsUpkeep()).as("probing").isTrue();

        probes.poll().complete(null);
        runClusterTasks();
        assertThat(group.tick()).isFalse();
    }

    @Test
    void upkeepIsNeededWhileAnInstanceWarmsUp() {
        instances = List.of(instance(1).withWeight(100).withStartedAt(wallMillis.get()));
        assertThat(group.tick()).isTrue();

        wallMillis.addAndGet(HEALTH.warmup().toMillis());
        assertThat(group.tick()).as("warm: the last rebuild done").isFalse();
    }

    @Test
    void snapshotOfAnUnchangedGroupIsReusedByEveryPick() throws Exception {
        instances = List.of(instance(1), instance(2));
        EndpointSnapshot s = group.snapshot();

        group.pick(call(), null);
        group.tick();

        assertThat(group.snapshot()).isSameAs(s);
    }

    @Test
    void pickFromAnUnchangedSnapshotAllocatesNothing() throws Exception {
        instances = List.of(instance(1), instance(2), instance(3));
        OutgoingCall call = call();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 5_000; i++) {
            group.pick(call, null);
        }
        int picks = 50_000;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < picks; i++) {
            group.pick(call, null);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        System.out.printf("EndpointGroup.pick: %d bytes allocated in %d picks%n", allocated, picks);
        assertThat(allocated).as("bytes for %d picks", picks).isLessThan(picks / 10);
    }
}
