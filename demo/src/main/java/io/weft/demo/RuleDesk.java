package io.weft.demo;

import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and deletes the governance rules of one service in the registry, as an operator or the
 * console would, and waits until every provider and consumer of the service reports the new revision
 * in {@code appliedRules} (printing how long that took). Closing closes its registry client.
 */
final class RuleDesk implements AutoCloseable {
    private static final Duration APPLY_WITHIN = Duration.ofSeconds(10);

    private final Registry registry;
    private final String service;
    private final PrintWriter out;

    private RuleDesk(Registry registry, String service, PrintWriter out) {
        this.registry = registry;
        this.service = service;
        this.out = out;
    }

    /** A desk for {@code service} on the registry at {@code address} (any registry module on the class path). */
    static RuleDesk open(String address, String service, PrintWriter out) {
        RegistryAddress parsed = RegistryAddress.parse(address);
        Registry registry = RegistryFactory.forScheme(parsed.scheme(), RuleDesk.class.getClassLoader())
                .orElseThrow(() -> new IllegalStateException("no registry module for " + address))
                .create(parsed, WeftConfig.load());
        return new RuleDesk(registry, service, out);
    }

    /** Writes the rule of {@code kind} and waits until every instance applies it; returns its revision. */
    long apply(String kind, String json) throws InterruptedException {
        long revision = registry.putRule(service, kind, json, -1);
        out.println("rule       " + kind + " written at revision " + revision + ": " + json.replaceAll("\\s+", " "));
        awaitApplied(kind, revision);
        return revision;
    }

    /** Deletes the rule of {@code kind} written at {@code revision} and waits until no instance applies it. */
    void remove(String kind, long revision) throws InterruptedException {
        registry.deleteRule(service, kind, revision);
        out.println("rule       " + kind + " deleted");
        awaitApplied(kind, -1);
    }

    /** The instances of the service: its providers, then its consumers. */
    List<ServiceInstance> instances() {
        List<ServiceInstance> all = new ArrayList<>(registry.list(service, InstanceRole.PROVIDER));
        all.addAll(registry.list(service, InstanceRole.CONSUMER));
        return all;
    }

    private void awaitApplied(String kind, long revision) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + APPLY_WITHIN.toNanos();
        while (System.nanoTime() - deadline < 0) {
            boolean all = true;
            for (ServiceInstance i : instances()) {
                all &= i.appliedRules().getOrDefault(kind, -1L) == revision;
            }
            if (all) {
                out.printf("           in force on every instance after %d ms%n", (System.nanoTime() - start) / 1_000_000);
                return;
            }
            Thread.sleep(10);
        }
        out.println("           WARNING: not every instance reports revision " + revision + " of " + kind);
    }

    @Override
    public void close() {
        registry.close();
    }
}
