package io.weft.test;

import io.weft.ServiceInstance;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/** Waits, driven by registry watches (no polling), until the nodes of one service satisfy a condition. */
final class RegistryWait {
    private RegistryWait() {}

    /** The registered nodes of one service. */
    record Nodes(List<ServiceInstance> providers, List<ServiceInstance> consumers) {
        List<ServiceInstance> all() {
            List<ServiceInstance> all = new ArrayList<>(providers);
            all.addAll(consumers);
            return all;
        }

        /** instance id → revision of {@code kind} it reports (0: none). */
        Map<String, Long> applied(String kind) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (ServiceInstance i : providers) {
                out.put("provider " + i.instanceId(), i.appliedRules().getOrDefault(kind, 0L));
            }
            for (ServiceInstance i : consumers) {
                out.put("consumer " + i.instanceId(), i.appliedRules().getOrDefault(kind, 0L));
            }
            return out;
        }
    }

    /**
     * Blocks until {@code condition} holds for the nodes of {@code service}.
     *
     * @throws AssertionError after {@code timeout}, with {@code describe} of the last nodes seen
     */
    static void until(Registry registry, String service, Duration timeout, Predicate<Nodes> condition,
                      Function<Nodes, String> describe) {
        AtomicReference<List<ServiceInstance>> providers = new AtomicReference<>();
        AtomicReference<List<ServiceInstance>> consumers = new AtomicReference<>();
        AtomicReference<Nodes> last = new AtomicReference<>(new Nodes(List.of(), List.of()));
        CountDownLatch met = new CountDownLatch(1);
        Runnable check = () -> {
            List<ServiceInstance> p = providers.get();
            List<ServiceInstance> c = consumers.get();
            if (p == null || c == null) {
                return; // both watches deliver their first snapshot before the condition is judged
            }
            Nodes nodes = new Nodes(p, c);
            last.set(nodes);
            if (condition.test(nodes)) {
                met.countDown();
            }
        };
        try (Registry.Watch p = registry.watch(service, InstanceRole.PROVIDER, list -> {
                providers.set(List.copyOf(list));
                check.run();
            });
             Registry.Watch c = registry.watch(service, InstanceRole.CONSUMER, list -> {
                 consumers.set(List.copyOf(list));
                 check.run();
             })) {
            if (!met.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + describe.apply(last.get()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + describe.apply(last.get()), e);
        }
    }
}
