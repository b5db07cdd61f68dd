package io.weft.internal;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import io.weft.internal.governance.Governance;
import io.weft.internal.governance.RuleSnapshot;
import io.weft.spi.Registry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports which rules are in force on this process (DESIGN §2, {@code appliedRules} of §5): every node it
 * writes carries the revisions of its service's rules and, in its status, the errors of rules it refused.
 * Thread-safe.
 */
final class AppliedRules {
    private static final Logger log = LoggerFactory.getLogger(AppliedRules.class);

    private final Governance governance;

    AppliedRules(Governance governance) {
        this.governance = governance;
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
