package io.weft.bench.serialization;

import io.weft.bench.JmhWithGc;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

/**
 * Runs {@link SerializationBenchmark} with the GC profiler (bytes allocated per operation). Extra
 * arguments are JMH's own command-line options, e.g. {@code -p payload=dto}, {@code -f 2}, or a
 * benchmark name pattern such as {@code weftEncode} (default: every benchmark in the class).
 */
public final class RunSerializationBenchmarks {

    private RunSerializationBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        JmhWithGc.run(args, SerializationBenchmark.class.getName());
    }
}
