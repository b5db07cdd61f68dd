package io.weft.bench.json;

import io.weft.bench.JmhWithGc;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

/** Runs {@link JsonVsHessianBenchmark} with the GC profiler; extra arguments are JMH's own (e.g. {@code -f 2}). */
public final class RunJsonVsHessian {
    private RunJsonVsHessian() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        JmhWithGc.run(args, JsonVsHessianBenchmark.class.getName());
    }
}
