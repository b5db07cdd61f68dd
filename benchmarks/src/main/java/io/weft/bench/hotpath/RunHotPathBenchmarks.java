package io.weft.bench.hotpath;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

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
        CommandLineOptions commandLine = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(commandLine)
                .addProfiler(GCProfiler.class);
        if (commandLine.getIncludes().isEmpty()) {
            options.include(RunHotPathBenchmarks.class.getPackageName() + ".");
        }
        new Runner(options.build()).run();
    }
}
