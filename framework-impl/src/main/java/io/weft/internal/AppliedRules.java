package io.weft.internal;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import io.weft.internal.governance.Governance;
import io.weft.internal.governance.RuleSnapshot;
import io.weft.spi.Registry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports which rules are in force on this process (DESIGN §2, {@code appliedRules} of §5): every node it
 * writes carries the revisions of its service's rules and, in its status, the errors of rules it refused.
 *
 * <p>After a rule change the nodes are rewritten at a random moment within {@link #SPREAD_MILLIS}
 * ({@link #reportSoon}), not at once: every instance of the mesh sees a change at the same moment,
 * and a thousand node writes in the same few milliseconds would queue on the registry's write path
 * and compete for CPU with the rule's own propagation. Changes of one service within that window are
 * reported by one write, with the revisions in force when it runs. The rule itself is in force
 * before any of this. Thread-safe.
 */
final class AppliedRules {
    private static final Logger log = LoggerFactory.getLogger(AppliedRules.class);
    /** Nodes are rewritten within this long after a rule change, at a random moment. */
    static final long SPREAD_MILLIS = 1_000;

    private final Governance governance;
    private final ScheduledExecutorService scheduler;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /** @param scheduler runs the delayed rewrites of {@link #reportSoon} */
    AppliedRules(Governance governance, ScheduledExecutorService scheduler) {
        this.governance = governance;
        this.scheduler = scheduler;
    }

    /**
     * Rewrites the nodes of {@code service} among {@code registrations} (read when the write runs) at a
     * random moment within {@link #SPREAD_MILLIS}, once for all the changes until then.
     */
    void reportSoon(String service, Supplier<List<Registry.Registration>> registrations) {
        if (!pending.add(service)) {
            return; // the pending write reads the revisions in force when it runs
        }
        try {
            scheduler.schedule(() -> {
                pending.remove(service);
                report(service, registrations.get());
            }, ThreadLocalRandom.current().nextLong(SPREAD_MILLIS), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // closing: the nodes go with the registry session
            pending.remove(service);
        }
    }

    /** {@code instance} with the rule revisions in force and the rule errors of its service. */
    ServiceInstance decorate(ServiceInstance instance) {
        RuleSnapshot rules = governance.rules(instance.service()).current();
        InstanceStatus status = instance.status() == null ? InstanceStatus.healthyNow() : instance.status();
        return instance.withAppliedRules(rules.revisions()).withStatus(status.withRuleErrors(rules.errors()));
    }

    /** Rewrites the nodes of {@code service} among {@code registrations}; a failed write is logged, not thrown. */
    void report(String service, List<Registry.Registration> registrations) {
        try {
            for (Registry.Registration r : registrations) {
                if (r.instance().service().equals(service)) {
                    r.update(decorate(r.instance()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("cannot report applied rules of {}: {}", service, e.toString());
        }
    }
}
