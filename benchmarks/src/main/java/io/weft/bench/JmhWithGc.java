package io.weft.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs JMH with the GC profiler (bytes allocated per operation) and JMH's own command-line options. */
public final class JmhWithGc {
    private JmhWithGc() {}

    /** Runs the benchmarks {@code args} name, or those matching {@code defaultInclude} when it names none. */
    public static void run(String[] args, String defaultInclude) throws RunnerException, CommandLineOptionException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(commandLine)
                .addProfiler(GCProfiler.class);
        if (commandLine.getIncludes().isEmpty()) {
            options.include(defaultInclude);
        }
        new Runner(options.build()).run();
    }
}
