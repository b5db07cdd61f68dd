package io.weft.bench.json;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The operations of {@link JsonVsHessianBenchmark} timed by this thread's CPU time rather than the
 * wall clock: on a shared, oversubscribed host (other builds running) JMH's wall-clock averages
 * mostly measure the scheduler, while CPU time counts only the work. Each operation runs in 40
 * batches of 20,000 after a warm-up; prints the best and the median batch in ns per operation.
 */
public final class JsonVsHessianCpuTime {
    private JsonVsHessianCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        JsonVsHessianBenchmark b = new JsonVsHessianBenchmark();
        b.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        measure(threads, "hessianEncode", b::hessianEncode);
        measure(threads, "hessianDecode", b::hessianDecode);
        measure(threads, "jsonEncode", b::jsonEncode);
        measure(threads, "jsonDecode", b::jsonDecode);
    }

    private static void measure(ThreadMXBean threads, String name, Callable<Object> op) throws Exception {
        int batch = 20_000;
        for (int i = 0; i < 10 * batch; i++) {
            blackhole(op.call());
        }
        double[] nsPerOp = new double[40];
        for (int r = 0; r < nsPerOp.length; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                blackhole(op.call());
            }
            nsPerOp[r] = (threads.getCurrentThreadCpuTime() - start) / (double) batch;
        }
        Arrays.sort(nsPerOp);
        System.out.printf("%-14s best %7.0f ns/op, median %7.0f ns/op (CPU time)%n", name, nsPerOp[0],
                nsPerOp[nsPerOp.length / 2]);
    }

    private static int sink;

    private static void blackhole(Object o) {
        sink += System.identityHashCode(o) & 1;
    }
}
