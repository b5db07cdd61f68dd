package io.weft.bench.compare;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one JVM has spent so far: collections, collection time, CPU time, bytes allocated by all its
 * threads, and context switches of its live threads (voluntary and not, from
 * {@code /proc/self/task/}*{@code /status}; 0 where there is no {@code /proc}). Differences of two
 * snapshots describe one measurement.
 */
record ProcessStats(long gcCount, long gcMillis, long cpuNanos, long allocatedBytes, long contextSwitches) {

    static ProcessStats now() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long allocated = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getTotalThreadAllocatedBytes();
        return new ProcessStats(count, millis, cpu, allocated, contextSwitchesNow());
    }

    private static long contextSwitchesNow() {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    ProcessStats minus(ProcessStats earlier) {
        return new ProcessStats(gcCount - earlier.gcCount, gcMillis - earlier.gcMillis, cpuNanos - earlier.cpuNanos,
                allocatedBytes - earlier.allocatedBytes, contextSwitches - earlier.contextSwitches);
    }

    String encode() {
        return gcCount + " " + gcMillis + " " + cpuNanos + " " + allocatedBytes + " " + contextSwitches;
    }

    static ProcessStats decode(String line) {
        String[] f = line.trim().split(" ");
        return new ProcessStats(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]));
    }
}
