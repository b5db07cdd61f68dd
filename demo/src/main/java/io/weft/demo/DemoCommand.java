package io.weft.demo;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every demo command shares: picocli injects the command spec, and the command runs against
 * the command line's output writer (so tests can capture it) and returns the exit code.
 */
abstract class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        return run(spec.commandLine().getOut());
    }

    /** Runs the command, printing to {@code out}; returns the process exit code. */
    abstract int run(PrintWriter out) throws Exception;
}
