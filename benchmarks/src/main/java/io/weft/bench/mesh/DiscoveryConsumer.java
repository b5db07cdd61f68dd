package io.weft.bench.mesh;

import io.weft.ServiceInstance;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer JVM of {@link DiscoveryScale}: one Weft registry client (made by the real factory, the
 * same {@link Registry#watch} every Weft reference's directory uses) watching the providers of
 * {@code services} services. Prints {@code BASE heap} (used heap after GC, registry connected, no
 * watch yet), {@code FULL millis snapshots} once every service lists {@code perService} instances,
 * then {@code HEAP heap} after GC; answers each input line with
 * {@code STATE cpuNanos snapshots fullServices instances}. Exits when standard input closes.
 *
 * <p>Usage: {@code DiscoveryConsumer ADDRESS SERVICES PER_SERVICE}.
 */
public final class DiscoveryConsumer {
    private DiscoveryConsumer() {
    }

    public static void main(String[] args) throws Exception {
        String address = args[0];
        int services = Integer.parseInt(args[1]);
        int perService = Integer.parseInt(args[2]);
        AtomicIntegerArray sizes = new AtomicIntegerArray(services);
        AtomicLong snapshots = new AtomicLong();
        Registry registry = MeshRegistry.open(address, MeshRegistry.PATIENT);
        registry.list(DiscoveryScale.service(0), InstanceRole.PROVIDER); // connected
        System.out.println("BASE " + heapAfterGc());
        long t0 = System.nanoTime();
        List<Registry.Watch> watches = new ArrayList<>(services);
        List<List<ServiceInstance>> held = new ArrayList<>(services); // what a consumer keeps: the last snapshot
        for (int s = 0; s < services; s++) {
            held.add(List.of());
        }
        for (int s = 0; s < services; s++) {
            int index = s;
            watches.add(registry.watch(DiscoveryScale.service(s), InstanceRole.PROVIDER, list -> {
                synchronized (held) {
                    held.set(index, list);
                }
                sizes.set(index, list.size());
                snapshots.incrementAndGet();
            }));
        }
        while (full(sizes, perService) < services) {
            Thread.sleep(1);
        }
        System.out.println("FULL " + (System.nanoTime() - t0) / 1_000_000 + " " + snapshots.get());
        System.out.println("HEAP " + heapAfterGc());
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                int instances = 0;
                for (int s = 0; s < services; s++) {
                    instances += sizes.get(s);
                }
                System.out.println("STATE " + os.getProcessCpuTime() + " " + snapshots.get() + " "
                        + full(sizes, perService) + " " + instances);
            }
        }
        Runtime.getRuntime().halt(0);
    }

    private static int full(AtomicIntegerArray sizes, int perService) {
        int n = 0;
        for (int s = 0; s < sizes.length(); s++) {
            if (sizes.get(s) == perService) {
                n++;
            }
        }
        return n;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
