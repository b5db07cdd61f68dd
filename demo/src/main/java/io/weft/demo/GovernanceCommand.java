package io.weft.demo;

import io.weft.Weft;
import java.io.PrintWriter;
import java.util.Map;
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

    @Override
    int run(PrintWriter out) throws Exception {
        try (EmbeddedMesh mesh = EmbeddedMesh.start(out);
             ProviderNode stable = ProviderNode.start(mesh.providerConfig(), "stable", Map.of("env", "stable"), e -> { });
             ProviderNode canary = ProviderNode.start(mesh.providerConfig(), "canary", Map.of("env", "canary"), e -> { });
             Weft consumer = Weft.create(mesh.consumerConfig());
             RuleDesk rules = RuleDesk.open(mesh.zk().registryAddress(), SERVICE, out)) {
            out.println("providers  stable on " + stable.address() + ", canary on " + canary.address());
            Greeter greeter = consumer.reference(Greeter.class);
            return run(out, greeter, rules);
        }
    }

    private static int run(PrintWriter out, Greeter greeter, RuleDesk rules) throws InterruptedException {
        out.println();
        Traffic.report(out, "no rules", Traffic.calls(greeter::whoAmI, 400));

        long route = rules.apply("routing", """
                {"routes":[{"name":"canary-20","destinations":[{"subset":{"env":"stable"},"weight":80},
                                                             {"subset":{"env":"canary"},"weight":20}]}]}""");
        Traffic.report(out, "canary route 80/20", Traffic.calls(greeter::whoAmI, 1000));

        long fault = rules.apply("faults", """
                {"faults":[{"name":"flaky","side":"consumer","match":{"methods":["whoAmI"]},
                            "abort":{"status":"UNAVAILABLE","percent":25,"message":"injected by the demo"}}]}""");
        Traffic.report(out, "25 % abort fault", Traffic.calls(greeter::whoAmI, 400));
        rules.remove("faults", fault);

        long limit = rules.apply("throttling", """
                {"limits":[{"name":"whoami-qps","side":"provider","match":{"methods":["whoAmI"]},
                            "qps":20,"burst":20,"scope":"cluster"}]}""");
        Traffic.report(out, "20 qps cluster limit", Traffic.calls(greeter::whoAmI, 200));
        rules.remove("throttling", limit);
        rules.remove("routing", route);

        Traffic.Outcome after = Traffic.calls(greeter::whoAmI, 400);
        Traffic.report(out, "rules removed", after);
        return after.failed() == 0 ? 0 : 1;
    }
}
