package io.weft.demo;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/**
 * Shows governance working: on an embedded ZooKeeper with a stable and a canary provider, writes a
 * canary route, then a fault, then a rate limit into the registry (as an operator or the console
 * would), and prints what the consumer observes after each: the traffic split, the error rate,
 * the rejections. Every rule is removed at the end and traffic is back to normal.
 */
@Command(name = "governance", mixinStandardHelpOptions = true,
        description = "Embedded ZooKeeper + stable and canary providers; applies a canary route, a fault and a limit in turn.")
final class GovernanceCommand extends DemoCommand {
    private static final String SERVICE = Greeter.class.getName();
    private static final Duration APPLY_WITHIN = Duration.ofSeconds(10);

    @Override
    int run(PrintWriter out) throws Exception {
        try (EmbeddedMesh mesh = EmbeddedMesh.start(out);
             ProviderNode stable = ProviderNode.start(mesh.providerConfig(), "stable", Map.of("env", "stable"), e -> { });
             ProviderNode canary = ProviderNode.start(mesh.providerConfig(), "canary", Map.of("env", "canary"), e -> { });
             Weft consumer = Weft.create(mesh.consumerConfig());
             Registry admin = registry(mesh.zk().registryAddress())) {
            out.println("providers  stable on " + stable.address() + ", canary on " + canary.address());
            Greeter greeter = consumer.reference(Greeter.class);
            return run(out, greeter, admin);
        }
    }

    private int run(PrintWriter out, Greeter greeter, Registry admin) throws InterruptedException {
        out.println();
        report(out, "no rules", calls(greeter, 400));

        long route = apply(out, admin, "routing", """
                {"routes":[{"name":"canary-20","destinations":[{"subset":{"env":"stable"},"weight":80},
                                                             {"subset":{"env":"canary"},"weight":20}]}]}""");
        report(out, "canary route 80/20", calls(greeter, 1000));

        long fault = apply(out, admin, "faults", """
                {"faults":[{"name":"flaky","side":"consumer","match":{"methods":["whoAmI"]},
                            "abort":{"status":"UNAVAILABLE","percent":25,"message":"injected by the demo"}}]}""");
        report(out, "25 % abort fault", calls(greeter, 400));
        remove(out, admin, "faults", fault);

        long limit = apply(out, admin, "throttling", """
                {"limits":[{"name":"whoami-qps","side":"provider","match":{"methods":["whoAmI"]},
                            "qps":20,"burst":20,"scope":"cluster"}]}""");
        report(out, "20 qps cluster limit", calls(greeter, 200));
        remove(out, admin, "throttling", limit);
        remove(out, admin, "routing", route);

        Outcome after = calls(greeter, 400);
        report(out, "rules removed", after);
        return after.failed() == 0 ? 0 : 1;
    }

    /** Writes a rule and waits until the consumer reports that revision in its registry node. */
    private static long apply(PrintWriter out, Registry admin, String kind, String json) throws InterruptedException {
        long revision = admin.putRule(SERVICE, kind, json, -1);
        out.println("rule       " + kind + " written at revision " + revision + ": " + json.replaceAll("\\s+", " "));
        awaitApplied(out, admin, kind, revision);
        return revision;
    }

    private static void remove(PrintWriter out, Registry admin, String kind, long revision) throws InterruptedException {
        admin.deleteRule(SERVICE, kind, revision);
        out.println("rule       " + kind + " deleted");
        awaitApplied(out, admin, kind, -1);
    }

    private static void awaitApplied(PrintWriter out, Registry admin, String kind, long revision)
            throws InterruptedException {
        long deadline = System.nanoTime() + APPLY_WITHIN.toNanos();
        long start = System.nanoTime();
        while (System.nanoTime() - deadline < 0) {
            boolean all = true;
            for (ServiceInstance i : admin.list(SERVICE, InstanceRole.CONSUMER)) {
                all &= i.appliedRules().getOrDefault(kind, -1L) == revision;
            }
            if (all) {
                out.printf("           in force on every consumer after %d ms%n", (System.nanoTime() - start) / 1_000_000);
                return;
            }
            Thread.sleep(10);
        }
        out.println("           WARNING: not every consumer reports revision " + revision + " of " + kind);
    }

    record Outcome(Map<String, Integer> answeredBy, Map<String, Integer> failures) {
        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        int total() {
            return answeredBy.values().stream().mapToInt(Integer::intValue).sum() + failed();
        }
    }

    private static Outcome calls(Greeter greeter, int n) {
        Map<String, Integer> answered = new TreeMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            try {
                answered.merge(greeter.whoAmI(), 1, Integer::sum);
            } catch (RpcException e) {
                failures.merge(e.status().name(), 1, Integer::sum);
            }
        }
        return new Outcome(answered, failures);
    }

    private static void report(PrintWriter out, String phase, Outcome o) {
        StringBuilder line = new StringBuilder(String.format("%-22s %4d calls | ", phase, o.total()));
        o.answeredBy().forEach((who, count) ->
                line.append(String.format("%s %.0f%%  ", who, 100.0 * count / o.total())));
        if (o.failed() == 0) {
            line.append("| no failures");
        } else {
            line.append("| failed ").append(o.failures());
        }
        out.println("observed   " + line);
        out.flush();
    }

    private static Registry registry(String address) {
        RegistryAddress parsed = RegistryAddress.parse(address);
        return ServiceLoader.load(RegistryFactory.class, GovernanceCommand.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.scheme().equals(parsed.scheme()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no registry module for " + address))
                .create(parsed, WeftConfig.load());
    }
}
