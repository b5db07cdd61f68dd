package io.weft.bench.mesh;

import io.weft.ReferenceOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.internal.governance.Governance;
import io.weft.internal.governance.RuleSource;
import io.weft.spi.CallListener;
import io.weft.spi.Registry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One consumer JVM of {@link RuleFanout}: {@code count} {@link Weft} instances, each its own registry
 * session, each holding a generic reference to the probed service (which registers its consumer
 * node and watches the service's four rule keys through the framework's own governance code). Each
 * instance's {@link CallListener#ruleApplied} — called once the new rule snapshot is in force —
 * stamps the wall clock (microseconds; every JVM reads the same machine clock) and queues
 * {@code APPLIED id revision micros}; a printer thread writes the queue to standard output, so
 * printing never delays a stamp. Exits when standard input closes.
 *
 * <p>With {@code MODE} {@code governance} a consumer is lighter: one Weft registry client and the
 * framework's {@link Governance} on its rule keys (the same watch, validation and snapshot swap a
 * Weft instance runs, stamped when the snapshot is swapped in), without the rest of a Weft instance
 * (client, cluster upkeep, consumer node).
 *
 * <p>Usage: {@code RuleConsumers ADDRESS SERVICE COUNT JVM_INDEX [weft|governance]}.
 */
public final class RuleConsumers {
    private static final String KIND = "faults";

    private RuleConsumers() {
    }

    public static void main(String[] args) throws Exception {
        String address = args[0];
        String service = args[1];
        int count = Integer.parseInt(args[2]);
        String jvm = args[3];
        boolean light = args.length > 4 && args[4].equals("governance");
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread printer = new Thread(() -> {
            List<String> batch = new ArrayList<>();
            try {
                while (true) {
                    batch.add(lines.take());
                    lines.drainTo(batch);
                    for (String line : batch) {
                        out.println(line);
                    }
                    out.flush();
                    batch.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "applied-printer");
        printer.setDaemon(true);
        printer.start();

        // Start the instances a few at a time: each start connects one registry session.
        ExecutorService starters = Executors.newFixedThreadPool(2);
        List<Future<AutoCloseable>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = jvm + "-" + i;
            started.add(starters.submit(() -> light ? startGovernance(address, service, id, lines)
                    : start(address, service, id, lines)));
        }
        List<AutoCloseable> wefts = new ArrayList<>();
        try {
            for (Future<AutoCloseable> f : started) {
                wefts.add(f.get(10, TimeUnit.MINUTES));
            }
        } catch (Exception e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(1); // the driver sees the JVM gone and stops the run
        }
        starters.shutdown();
        lines.add("STARTED " + jvm + " " + wefts.size());

        // Runs until the driver closes our standard input.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // no commands
            }
        }
        if (jdk.jfr.FlightRecorder.isInitialized()) {
            jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().forEach(jdk.jfr.Recording::stop); // writes it
        }
        Runtime.getRuntime().halt(0); // closing 250 sessions one by one would only slow the next run
    }

    private static Weft start(String address, String service, String id, LinkedBlockingQueue<String> lines) {
        Stamp stamp = new Stamp(id, lines);
        CallListener listener = new CallListener() {
            @Override
            public void ruleApplied(String svc, String kind, long revision) {
                if (KIND.equals(kind)) {
                    stamp.applied(revision);
                }
            }
        };
        // A generous connect timeout: hundreds of sessions start at once on a small, busy machine.
        Weft weft = Weft.builder(WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, address,
                WeftConfig.APPLICATION, "mesh-consumer-" + id, "weft.registry.connect-timeout-ms", "60000")))
                .callListener(listener).build();
        weft.genericReference(service, ReferenceOptions.defaults());
        return weft;
    }

    private static AutoCloseable startGovernance(String address, String service, String id,
                                                 LinkedBlockingQueue<String> lines) {
        Stamp stamp = new Stamp(id, lines);
        Registry registry = MeshRegistry.open(address,
                WeftConfig.empty().with("weft.registry.connect-timeout-ms", "60000"));
        // The mapping of the framework's (package-private) RegistryRuleSource.
        RuleSource source = (svc, kind, listener) -> {
            Registry.Watch watch = registry.watchRule(svc, kind,
                    value -> listener.accept(value.map(v -> new RuleSource.RawRule(v.json(), v.revision()))));
            return watch::close;
        };
        Governance[] governance = new Governance[1];
        governance[0] = new Governance(source,
                svc -> stamp.applied(governance[0].rules(svc).current().revisions().getOrDefault(KIND, 0L)));
        governance[0].rules(service);
        return () -> {
            governance[0].close();
            registry.close();
        };
    }

    /** Queues one line per new revision of one consumer; called one at a time. */
    private static final class Stamp {
        private final String id;
        private final LinkedBlockingQueue<String> lines;
        private long last;

        Stamp(String id, LinkedBlockingQueue<String> lines) {
            this.id = id;
            this.lines = lines;
        }

        void applied(long revision) {
            if (revision > last) {
                Instant now = Instant.now();
                last = revision;
                lines.add("APPLIED " + id + " " + revision + " " + (now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000));
            }
        }
    }
}
