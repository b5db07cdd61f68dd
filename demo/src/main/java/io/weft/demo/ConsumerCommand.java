package io.weft.demo;

import io.weft.Weft;
import io.weft.WeftConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Calls the {@link Greeter} repeatedly through the registry, printing each round and the provider
 * list whenever it changes; ends after {@code --duration} or on Ctrl-C with a summary.
 */
@Command(name = "consumer", mixinStandardHelpOptions = true,
        description = "Calls the Greeter repeatedly; prints results and the provider list as it changes.")
final class ConsumerCommand extends DemoCommand {

    @Mixin
    PartOptions part;

    @Option(names = "--duration", description = "Stop after this long, e.g. 10s (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--interval", defaultValue = "500ms", description = "Pause between rounds (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    int run(PrintWriter out) throws Exception {
        WeftConfig config = part.config(Labels.CONSUMER_APP);
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "consumer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return callUntilStopped(out, config, stopRequested);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it only waits for the countdown above.
            }
        }
    }

    private int callUntilStopped(PrintWriter out, WeftConfig config, CountDownLatch stopRequested)
            throws InterruptedException {
        out.println("consumer   " + config.application().orElseThrow() + " using " + config.registryAddress().orElseThrow()
                + (duration == null ? " until Ctrl-C" : " for " + DurationConverter.format(duration)));
        long end = System.nanoTime() + (duration == null ? 0 : duration.toNanos());
        try (ProviderDirectory directory = ProviderDirectory.open(config, Greeter.class.getName(),
                     list -> out.println("discovery  " + ProviderDirectory.describe(list))).orElse(null);
             Weft weft = Weft.create(config)) {
            if (directory == null) {
                out.println("discovery  (no registry module for this address on the class path; list not shown)");
            }
            Greeter greeter = weft.reference(Greeter.class);
            CallLoop loop = new CallLoop(greeter, out, config.clientTimeout().plusSeconds(1));
            while ((duration == null || System.nanoTime() - end < 0) && stopRequested.getCount() > 0) {
                loop.runRound();
                long pause = duration == null
                        ? interval.toNanos()
                        : Math.min(interval.toNanos(), Math.max(0, end - System.nanoTime()));
                if (stopRequested.await(pause, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
            out.println("summary    " + loop.rounds() + " rounds; calls: " + loop.ok() + " ok, " + loop.failed()
                    + " failed; answered by " + loop.takeAnswerCounts());
            return loop.failed() == 0 ? 0 : 1;
        }
    }
}
