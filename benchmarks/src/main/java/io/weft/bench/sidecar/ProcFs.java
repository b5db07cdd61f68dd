package io.weft.bench.sidecar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Linux's {@code /proc} says about other processes: CPU time (utime + stime of
 * {@code /proc/<pid>/stat}, all threads, in clock ticks of 10 ms) and resident memory
 * ({@code VmRSS}/{@code VmHWM} of {@code /proc/<pid>/status}). A process and its children are one
 * "proxy" (nginx: the master and its workers).
 */
final class ProcFs {
    static final long NANOS_PER_TICK = 10_000_000L; // CLK_TCK = 100 on Linux

    private ProcFs() {}

    /** CPU time of {@code pid} and its direct children, in nanoseconds. */
    static long cpuNanos(long pid) {
        long ticks = 0;
        for (long p : withChildren(pid)) {
            ticks += ticks(p);
        }
        return ticks * NANOS_PER_TICK;
    }

    /** Resident set of {@code pid} and its direct children, in KiB ({@code field} = VmRSS or VmHWM). */
    static long memoryKib(long pid, String field) {
        long kib = 0;
        for (long p : withChildren(pid)) {
            kib += statusKib(p, field);
        }
        return kib;
    }

    /** The 1-minute load average. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static List<Long> withChildren(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        try {
            String children = Files.readString(Path.of("/proc/" + pid + "/task/" + pid + "/children")).trim();
            if (!children.isEmpty()) {
                for (String c : children.split(" ")) {
                    pids.add(Long.parseLong(c));
                }
            }
        } catch (IOException e) {
            // no children file (gone, or no such kernel feature): the process alone
        }
        return pids;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // after "(comm)": state is field 3; utime and stime are fields 14 and 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    private static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
        }
    }
}
