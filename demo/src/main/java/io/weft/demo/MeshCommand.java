package io.weft.demo;

import io.weft.ReferenceOptions;
import io.weft.ServiceInstance;
import io.weft.Weft;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The service mesh across languages: two instances of a Python service ({@code fortune.py}, standard
 * library only), each behind a real sidecar process tagged {@code version=v1} / {@code version=v2}, next
 * to the Java {@link Greeter} on the embedded ZooKeeper. Java calls Python through a typed stub (JSON on
 * the wire), Python calls the Java Greeter through its sidecar's outbound port, then a fault applied at
 * the sidecars and a canary split by tag change the observed traffic. Ends by itself, stopping the
 * sidecars with SIGTERM and the Python processes.
 */
@Command(name = "mesh", mixinStandardHelpOptions = true,
        description = "Embedded ZooKeeper + the Java Greeter + a Python service behind two sidecar processes;"
                + " calls both ways, then a fault and a canary split by tag. Needs python3.")
final class MeshCommand extends DemoCommand {
    static final String SERVICE = Fortune.class.getName();
    static final String PY_APP = "fortune-py";
    private static final List<String> METHODS = List.of("whoAmI", "welcome");

    @Option(names = "--python", defaultValue = "python3",
            description = "The Python 3 interpreter to run the Python service with (default ${DEFAULT-VALUE}).")
    String python;

    @Override
    int run(PrintWriter out) throws Exception {
        if (!PythonService.available(python)) {
            out.println("mesh       " + python + " is needed for the Python service and does not run here"
                    + " (Debian/Ubuntu: apt-get install python3); nothing started");
            return 1;
        }
        try (EmbeddedMesh mesh = EmbeddedMesh.start(out);
             ProviderNode java = ProviderNode.start(mesh.providerConfig(), "java-greeter", Map.of(), e -> { });
             PythonService v1 = PythonService.start(python, "py-v1", out);
             PythonService v2 = PythonService.start(python, "py-v2", out);
             SidecarProcess sidecar1 = sidecar(out, mesh, v1, "v1");
             SidecarProcess sidecar2 = sidecar(out, mesh, v2, "v2");
             Weft consumer = Weft.create(mesh.consumerConfig());
             RuleDesk rules = RuleDesk.open(mesh.zk().registryAddress(), SERVICE, out)) {
            out.println("provider   java-greeter serving " + Greeter.class.getName() + " on " + java.address());
            sidecar1.awaitRegistered();
            sidecar2.awaitRegistered();
            v1.useOutboundPort(sidecar1.outboundPort());
            v2.useOutboundPort(sidecar2.outboundPort());
            for (ServiceInstance i : rules.instances()) {
                out.println("registry   " + describe(i));
            }
            // Generous deadlines: the first welcome call warms up the whole chain (Java → sidecar → Python →
            // sidecar → Java), and the demo also runs on small, busy machines.
            Fortune fortune = consumer.reference(Fortune.class, ReferenceOptions.builder()
                    .timeout(Duration.ofSeconds(10)).methodTimeout("welcome", Duration.ofSeconds(20)).build());
            int code = run(out, fortune, rules);
            out.println();
            out.println("stopping   " + sidecar1.process().name() + " and " + sidecar2.process().name()
                    + " sidecars with SIGTERM (unregister, GOAWAY, drain)");
            out.println("           stopped in " + sidecar1.stop() + " ms and " + sidecar2.stop() + " ms");
            return code;
        }
    }

    private static SidecarProcess sidecar(PrintWriter out, EmbeddedMesh mesh, PythonService app, String version)
            throws Exception {
        String label = app.process().name();
        out.println("python     " + label + " (fortune.py) listening on " + app.url());
        return SidecarProcess.start(label + "-sc", mesh.zk().registryAddress(), PY_APP, SERVICE, METHODS, app.url(),
                Map.of("version", version, Labels.LABEL_TAG, label), out);
    }

    private static int run(PrintWriter out, Fortune fortune, RuleDesk rules) throws InterruptedException {
        out.println();
        awaitBoth(fortune);
        out.println("java→py    Fortune.whoAmI() from a typed Java stub over JSON: \"" + fortune.whoAmI() + "\"");
        out.println("py→java    Fortune.welcome(\"Ada\"): \"" + fortune.welcome("Ada") + "\"");
        out.println("           (the Python service called " + Greeter.class.getName()
                + ".greet through its sidecar's outbound port)");
        out.println();
        Traffic.report(out, "no rules", Traffic.calls(fortune::whoAmI, 200));

        long fault = rules.apply("faults", """
                {"faults":[{"name":"py-flaky","side":"provider","match":{"methods":["whoAmI"]},
                            "abort":{"status":"UNKNOWN","percent":50,"message":"injected at the sidecar"}}]}""");
        Traffic.report(out, "50 % abort at sidecars", Traffic.calls(fortune::whoAmI, 200));
        rules.remove("faults", fault);

        long route = rules.apply("routing", """
                {"routes":[{"name":"canary-v2","destinations":[{"subset":{"version":"v1"},"weight":90},
                                                             {"subset":{"version":"v2"},"weight":10}]}]}""");
        Traffic.report(out, "canary v2 10 %", Traffic.calls(fortune::whoAmI, 500));
        rules.remove("routing", route);

        Traffic.Outcome after = Traffic.calls(fortune::whoAmI, 200);
        Traffic.report(out, "rules removed", after);
        return after.failed() == 0 ? 0 : 1;
    }

    /** Calls until both Python instances answered (the consumer discovers them asynchronously). */
    private static void awaitBoth(Fortune fortune) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Set<String> seen = new HashSet<>();
        while (seen.size() < 2 && System.nanoTime() - deadline < 0) {
            try {
                seen.add(fortune.whoAmI());
            } catch (RuntimeException e) {
                Thread.sleep(50);
            }
        }
    }

    private static String describe(ServiceInstance i) {
        String tags = i.tags().entrySet().stream().filter(e -> !e.getKey().equals(Labels.LABEL_TAG))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(","));
        return i.tags().getOrDefault(Labels.LABEL_TAG, i.application()) + " " + i.address() + " " + tags
                + " serializations=" + i.serializations() + (i.sidecar() ? " sidecar" : "");
    }
}
