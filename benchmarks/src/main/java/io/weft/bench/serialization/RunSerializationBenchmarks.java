package io.weft.bench.serialization;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link SerializationBenchmark} with the GC profiler (bytes allocated per operation). Extra
 * arguments are JMH's own command-line options, e.g. {@code -p payload=dto}, {@code -f 2}, or a
 * benchmark name pattern such as {@code weftEncode} (default: every benchmark in the class).
 */
public final class RunSerializationBenchmarks {

    private RunSerializationBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(commandLine)
                .addProfiler(GCProfiler.class);
        if (commandLine.getIncludes().isEmpty()) {
            options.include(SerializationBenchmark.class.getName());
        }
        new Runner(options.build()).run();
    }
}
