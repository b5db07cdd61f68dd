package io.weft.demo;

import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.console.ConsoleMain;
import io.weft.console.ConsoleOptions;
import io.weft.console.GovernanceConsole;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Everything in one process: an embedded ZooKeeper, two providers ({@code env=stable} and
 * {@code env=canary}) and a consumer calling them; halfway through, the canary provider shuts
 * down gracefully and the traffic moves to the other one without a failed call. The governance
 * console runs alongside ({@code --no-console} leaves it out) and its URL is printed.
 */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Embedded ZooKeeper + two providers + a consumer; stops one provider halfway.")
final class AllCommand extends DemoCommand {
    private static final Duration READY_WITHIN = Duration.ofSeconds(15);

    @Option(names = "--duration", defaultValue = "5s", description = "How long the consumer calls (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--interval", defaultValue = "200ms", description = "Pause between rounds of calls (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--console", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start the governance console too (default ${DEFAULT-VALUE}; --no-console to leave it out).")
    boolean console;

    @Option(names = "--console-port", defaultValue = "0", description = "The console's port, 0 = any free (default ${DEFAULT-VALUE}).")
    int consolePort;

    @Override
    int run(PrintWriter out) throws Exception {
        try (EmbeddedMesh mesh = EmbeddedMesh.start(out);
             GovernanceConsole ignored = console ? startConsole(out, mesh.base()) : null) {
            return run(out, mesh.providerConfig(), mesh.consumerConfig());
        }
    }

    private GovernanceConsole startConsole(PrintWriter out, WeftConfig config) {
        ConsoleOptions options = ConsoleOptions.fromConfig(config, "127.0.0.1", consolePort);
        GovernanceConsole started = GovernanceConsole.start(config.registryAddress().orElseThrow(), config, options);
        out.println("console    " + started.url());
        out.println(ConsoleMain.credentials(options));
        return started;
    }

    private int run(PrintWriter out, WeftConfig providerConfig, WeftConfig consumerConfig) throws Exception {
        CountDownLatch bothListed = new CountDownLatch(1);
        try (ProviderNode stable = startProvider(out, providerConfig, "provider-1", "stable");
             ProviderNode canary = startProvider(out, providerConfig, "provider-2", "canary");
             ProviderDirectory directory = ProviderDirectory.open(consumerConfig, Greeter.class.getName(),
                     list -> {
                         out.println("discovery  consumer sees " + ProviderDirectory.describe(list));
                         if (list.size() >= 2) {
                             bothListed.countDown();
                         }
                     }).orElse(null);
             Weft consumer = Weft.create(consumerConfig)) {
            if (directory == null) {
                out.println("discovery  (no registry module for this address on the class path; list not shown)");
            } else if (!bothListed.await(READY_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                out.println("discovery  WARNING: the registry did not list both providers within "
                        + DurationConverter.format(READY_WITHIN));
            }
            Greeter greeter = consumer.reference(Greeter.class);
            awaitBothReachable(out, greeter);

            CallLoop loop = new CallLoop(greeter, out, consumerConfig.clientTimeout().plusSeconds(1));
            Map<String, Long> beforeStop = callWhileStopping(out, loop, canary);
            Map<String, Long> afterStop = loop.takeAnswerCounts();

            out.println();
            out.println("summary    " + loop.rounds() + " rounds of whoAmI/greet/greetAsync/greetAll/notify");
            out.println("           answered before " + canary.label() + " stopped: " + counts(beforeStop));
            out.println("           answered after  " + canary.label() + " stopped: " + counts(afterStop));
            out.println("           " + stable.label() + " served " + stable.greeter().greetings() + " greetings, "
                    + stable.greeter().notifications() + " notifications; " + canary.label() + " served "
                    + canary.greeter().greetings() + " greetings, " + canary.greeter().notifications()
                    + " notifications");
            out.println("           calls: " + loop.ok() + " ok, " + loop.failed() + " failed");
            return loop.failed() == 0 && loop.ok() > 0 ? 0 : 1;
        }
    }

    private static ProviderNode startProvider(PrintWriter out, WeftConfig config, String label, String env) {
        ProviderNode node = ProviderNode.start(config, label, Map.of("env", env), event -> { });
        out.println("provider   " + label + " serving " + Greeter.class.getName() + " on " + node.address()
                + " (" + node.tagsText() + ")");
        return node;
    }

    /** Probes with {@code whoAmI} until both providers answered, so the timed run starts warm. */
    private static void awaitBothReachable(PrintWriter out, Greeter greeter) throws InterruptedException {
        Set<String> seen = new LinkedHashSet<>();
        int probes = 0;
        int failures = 0;
        String lastFailure = null;
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (seen.size() < 2 && System.nanoTime() < deadline) {
            probes++;
            try {
                seen.add(greeter.whoAmI());
            } catch (RuntimeException e) {
                failures++;
                lastFailure = CallLoop.describe(e);
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        String reached = seen.isEmpty() ? "no provider" : String.join(" and ", seen);
        out.println("consumer   ready: calls reach " + reached + " (" + probes + " probe calls"
                + (failures > 0 ? ", " + failures + " failed while discovering, last: " + lastFailure : "") + ")");
        out.println();
    }

    /** Calls for {@link #duration}; halfway, stops {@code victim} on another thread. */
    private Map<String, Long> callWhileStopping(PrintWriter out, CallLoop loop, ProviderNode victim)
            throws InterruptedException {
        long start = System.nanoTime();
        long stopAt = start + duration.toNanos() / 2;
        long end = start + duration.toNanos();
        Map<String, Long> beforeStop = null;
        Thread stopper = null;
        for (long next = start; System.nanoTime() < end; next += interval.toNanos()) {
            if (stopper == null && System.nanoTime() >= stopAt) {
                beforeStop = loop.takeAnswerCounts();
                stopper = stopInBackground(out, victim);
            }
            loop.runRound();
            long pause = next + interval.toNanos() - System.nanoTime();
            if (pause > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, Math.max(0, end - System.nanoTime())));
            }
        }
        if (stopper != null) {
            stopper.join(TimeUnit.SECONDS.toMillis(30));
        }
        return beforeStop == null ? loop.takeAnswerCounts() : beforeStop;
    }

    private static Thread stopInBackground(PrintWriter out, ProviderNode victim) {
        Thread t = new Thread(() -> {
            out.println("  -- stopping " + victim.label() + " gracefully (unregister, GOAWAY, drain) while calls go on");
            long t0 = System.nanoTime();
            victim.close();
            out.println("  -- " + victim.label() + " stopped in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        }, "stop-" + victim.label());
        t.start();
        return t;
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "x")
                .collect(Collectors.joining(", "));
    }
}
