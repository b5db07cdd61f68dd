package io.weft.cli;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import io.weft.registry.support.ServiceHealth;
import io.weft.rule.RuleKind;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code weft describe SERVICE}: h̄, the current rule revisions, and every provider and consumer with
 * address, application, version, weight, tags, health and the rule revisions it applied.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "A service's instances: address, application, tags, weight, health, applied rule revisions.")
final class DescribeCommand implements Callable<Integer> {
    @ParentCommand
    WeftCli cli;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, e.g. io.weft.demo.Greeter.")
    String service;

    /** One instance; {@code rules}: kind → revision applied ({@code null}: none), {@code ruleErrors}: refused kinds. */
    record Instance(String instanceId, String application, String host, int port, String version, int weight,
                    Map<String, String> tags, double health, boolean stale, Map<String, Long> appliedRules,
                    Map<String, String> ruleErrors) {}

    @Override
    public Integer call() {
        ServiceHealth health = new ServiceHealth(ServiceHealth.DEFAULT_STALE_AFTER, Clock.systemUTC());
        Map<String, Long> rules = new LinkedHashMap<>();
        List<ServiceInstance> providers;
        List<ServiceInstance> consumers;
        try (Registry registry = cli.connect()) {
            for (RuleKind kind : RuleKind.values()) {
                rules.put(kind.key(), registry.getRule(service, kind.key()).map(RuleValue::revision).orElse(null));
            }
            providers = registry.list(service, InstanceRole.PROVIDER);
            consumers = registry.list(service, InstanceRole.CONSUMER);
        }
        if (providers.isEmpty() && consumers.isEmpty() && rules.values().stream().allMatch(r -> r == null)) {
            throw new CliFailure(WeftCli.FAILED, "no service " + service + " in the registry (weft ls lists them)");
        }
        Double average = health.average(providers);
        List<Instance> providerViews = providers.stream().map(i -> view(i, health)).toList();
        List<Instance> consumerViews = consumers.stream().map(i -> view(i, health)).toList();
        if (cli.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("service", service);
            json.put("health", average);
            json.put("degraded", ServiceHealth.isDegraded(average));
            json.put("rules", rules);
            json.put("providers", providerViews);
            json.put("consumers", consumerViews);
            cli.printJson(json);
            return 0;
        }
        cli.out.println(service + "  h̄ " + (average == null ? "- (no providers)"
                : LsCommand.health(average) + (ServiceHealth.isDegraded(average) ? " (degraded)" : " (ok)")));
        cli.out.println("rules     " + rules.entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() == null ? "-" : e.getValue()))
                .collect(Collectors.joining(", ")));
        print("providers", providerViews, rules, true);
        print("consumers", consumerViews, rules, false);
        return 0;
    }

    private void print(String title, List<Instance> instances, Map<String, Long> current, boolean providers) {
        cli.out.println();
        if (instances.isEmpty()) {
            cli.out.println(title + ": none");
            return;
        }
        cli.out.println(title + " (" + instances.size() + ")");
        Table table = providers
                ? new Table("ADDRESS", "APPLICATION", "VERSION", "WEIGHT", "HEALTH", "TAGS", "RULES APPLIED")
                : new Table("INSTANCE", "APPLICATION", "VERSION", "TAGS", "RULES APPLIED");
        for (Instance i : instances) {
            String tags = i.tags().isEmpty() ? null : i.tags().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
            String applied = applied(i, current);
            if (providers) {
                String h = LsCommand.health(i.health()) + (i.stale() ? " (stale)" : "");
                table.row(i.host() + ":" + i.port(), i.application(), i.version(), i.weight(), h, tags, applied);
            } else {
                table.row(i.instanceId(), i.application(), i.version(), tags, applied);
            }
        }
        table.print(cli.out);
    }

    /** {@code routing 7, faults 3 (behind 4), security invalid}; {@code null} when nothing applies. */
    private static String applied(Instance i, Map<String, Long> current) {
        String text = current.entrySet().stream().map(e -> {
            String kind = e.getKey();
            Long applied = i.appliedRules().get(kind);
            if (i.ruleErrors().containsKey(kind)) {
                return kind + " invalid";
            }
            long now = e.getValue() == null ? 0 : e.getValue();
            if (applied == null || applied == 0) {
                return now == 0 ? null : kind + " - (behind " + now + ")";
            }
            return kind + " " + applied + (applied == now ? "" : " (behind " + (now == 0 ? "deletion" : now) + ")");
        }).filter(s -> s != null).collect(Collectors.joining(", "));
        return text.isEmpty() ? null : text;
    }

    private static Instance view(ServiceInstance i, ServiceHealth health) {
        InstanceStatus status = i.status();
        Map<String, Long> applied = new LinkedHashMap<>(i.appliedRules());
        return new Instance(i.instanceId(), i.application(), i.host(), i.port(), i.version(), i.weight(), i.tags(),
                health.health(i), health.isStale(status), applied, status == null ? Map.of() : status.ruleErrors());
    }
}
