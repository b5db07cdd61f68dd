package io.weft.registry.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.ServiceInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SnapshotPublisherTest {
    private final List<List<ServiceInstance>> delivered = new CopyOnWriteArrayList<>();
    private final SnapshotPublisher<List<ServiceInstance>> publisher =
            SnapshotPublisher.settling("/test", delivered::add, Runnable::run, () -> false);

    private static ServiceInstance at(int port, int weight) {
        return new ServiceInstance("io.weft.Test", "127.0.0.1:" + port, "app", "127.0.0.1", port, null, null, "1.0.0",
                weight, Map.of(), List.of("m"), false, 1L, null, null);
    }

    @Test
    void nodeReplacedByDeleteAndCreateIsOneUpdate() {
        publisher.publish(List.of(at(1, 100), at(2, 100)));
        publisher.publish(List.of(at(2, 100)));
        publisher.publish(List.of(at(1, 50), at(2, 100)));

        assertThat(delivered).containsExactly(List.of(at(1, 100), at(2, 100)), List.of(at(1, 50), at(2, 100)));
    }

    @Test
    void listThatGrowsOrChangesValuesIsDeliveredAtOnce() {
        publisher.publish(List.of(at(1, 100)));
        publisher.publish(List.of(at(1, 100), at(2, 100)));
        publisher.publish(List.of(at(1, 100), at(2, 50)));

        assertThat(delivered).hasSize(3);
    }

    @Test
    void realRemovalIsDeliveredOnceTheWatchIsQuiet() {
        List<Long> deliveredAtNanos = new CopyOnWriteArrayList<>();
        SnapshotPublisher<List<ServiceInstance>> timed = SnapshotPublisher.settling("/test", list -> {
            deliveredAtNanos.add(System.nanoTime());
            delivered.add(list);
        }, Runnable::run, () -> false);
        timed.publish(List.of(at(1, 100), at(2, 100)));
        long removedAtNanos = System.nanoTime();
        timed.publish(List.of(at(2, 100)));

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
        assertThat(delivered.get(1)).containsExactly(at(2, 100));
        // held, not dropped: handed over no earlier than QUIET after the removal (a bound, not a race on "still 1")
        assertThat(deliveredAtNanos.get(1) - removedAtNanos).isGreaterThanOrEqualTo(SnapshotPublisher.QUIET.toNanos());
    }

    @Test
    void duringAResyncAnEmptyListIsHeldAndNeverDeliveredWhenTheProvidersComeBack() {
        publisher.publish(List.of(at(1, 100), at(2, 100)));
        publisher.resyncing();
        publisher.publish(List.of(at(1, 100)));
        publisher.publish(List.of());
        publisher.publish(List.of(at(2, 100)));
        publisher.publish(List.of(at(1, 100), at(2, 100)));

        assertThat(delivered).containsExactly(List.of(at(1, 100), at(2, 100)));
    }
}
