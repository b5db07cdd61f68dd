package io.weft.bench.compare;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What one JVM has spent so far: collections, collection time, CPU time and bytes allocated by all
 * its threads. Differences of two snapshots describe one measurement.
 */
record ProcessStats(long gcCount, long gcMillis, long cpuNanos, long allocatedBytes) {

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
        return new ProcessStats(count, millis, cpu, allocated);
    }

    ProcessStats minus(ProcessStats earlier) {
        return new ProcessStats(gcCount - earlier.gcCount, gcMillis - earlier.gcMillis, cpuNanos - earlier.cpuNanos,
                allocatedBytes - earlier.allocatedBytes);
    }

    String encode() {
        return gcCount + " " + gcMillis + " " + cpuNanos + " " + allocatedBytes;
    }

    static ProcessStats decode(String line) {
        String[] f = line.trim().split(" ");
        return new ProcessStats(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }
}
