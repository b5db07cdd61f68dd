package io.weft.cli;

import io.weft.ServiceInstance;
import io.weft.registry.support.ServiceHealth;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code weft ls}: every service with its provider and consumer counts and h̄ (DESIGN §3). */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "Services with their provider and consumer counts and average health (h̄).")
final class LsCommand implements Callable<Integer> {
    @ParentCommand
    WeftCli cli;

    /** One row; {@code health} null without providers, {@code invalid} why the entry cannot be read. */
    record Row(String service, int providers, int consumers, Double health, boolean degraded, String invalid) {}

    @Override
    public Integer call() {
        List<Row> rows = new ArrayList<>();
        ServiceHealth health = new ServiceHealth(ServiceHealth.DEFAULT_STALE_AFTER, Clock.systemUTC());
        try (Registry registry = cli.connect()) {
            for (String service : registry.services()) {
                try {
                    List<ServiceInstance> providers = registry.list(service, InstanceRole.PROVIDER);
                    int consumers = registry.list(service, InstanceRole.CONSUMER).size();
                    Double average = health.average(providers);
                    rows.add(new Row(service, providers.size(), consumers, average, ServiceHealth.isDegraded(average),
                            null));
                } catch (IllegalArgumentException e) {
                    rows.add(new Row(service, 0, 0, null, false, e.getMessage()));
                }
            }
        }
        if (cli.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("degradedBelow", ServiceHealth.DEGRADED_BELOW);
            json.put("services", rows);
            cli.printJson(json);
            return 0;
        }
        if (rows.isEmpty()) {
            cli.out.println("no services registered");
            return 0;
        }
        Table table = new Table("SERVICE", "PROVIDERS", "CONSUMERS", "HEALTH", "STATE");
        for (Row row : rows) {
            table.row(row.service(), row.providers(), row.consumers(), health(row.health()), state(row));
        }
        table.print(cli.out);
        return 0;
    }

    static String health(Double health) {
        return health == null ? null : String.format(Locale.ROOT, "%.2f", health);
    }

    private static String state(Row row) {
        if (row.invalid() != null) {
            return "invalid entry: " + row.invalid();
        }
        if (row.health() == null) {
            return "no providers";
        }
        return row.degraded() ? "degraded" : "ok";
    }
}
