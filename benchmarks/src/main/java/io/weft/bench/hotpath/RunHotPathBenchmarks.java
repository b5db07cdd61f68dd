package io.weft.bench.hotpath;

import io.weft.bench.JmhWithGc;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

/**
 * Runs the hot-path benchmarks of this package (frame codec, governance chains, load-balancer
 * pick) with the GC profiler, so each result also reports bytes allocated per operation
 * ({@code gc.alloc.rate.norm}). Extra arguments are JMH's own options, e.g. {@code -f 1 -wi 3 -i 5}
 * or a name pattern such as {@code GovernanceChain}.
 */
public final class RunHotPathBenchmarks {

    private RunHotPathBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        JmhWithGc.run(args, RunHotPathBenchmarks.class.getPackageName() + ".");
    }
}
