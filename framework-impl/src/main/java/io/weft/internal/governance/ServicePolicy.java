package io.weft.internal.governance;

import io.weft.rule.FaultRule;
import io.weft.rule.RuleKind;
import io.weft.rule.SecurityRule;
import io.weft.rule.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * What the provider side needs from one {@link RuleSnapshot} of a service, prepared once per
 * snapshot: the security rule with its token digests decoded, the provider-side faults, and the
 * limiter state. Immutable apart from the limiters' counters.
 */
final class ServicePolicy {
    final RuleSnapshot snapshot;
    final ProviderSecurity security; // null: no security rule
    final ProviderLimiters limiters; // null: no provider-side limits
    final List<FaultRule.Fault> faults; // provider-side only

    private ServicePolicy(RuleSnapshot snapshot, ProviderSecurity security, ProviderLimiters limiters,
                          List<FaultRule.Fault> faults) {
        this.snapshot = snapshot;
        this.security = security;
        this.limiters = limiters;
        this.faults = faults;
    }

    /**
     * The policy for {@code snapshot}. Keeps {@code previous}'s limiters when the throttling
     * revision is unchanged, so counters survive changes of the other rule kinds.
     */
    static ServicePolicy of(RuleSnapshot snapshot, ServicePolicy previous) {
        SecurityRule security = snapshot.security();
        ProviderLimiters limiters = null;
        Long revision = snapshot.revisions().get(RuleKind.THROTTLING.key());
        if (snapshot.throttling() != null && revision != null) {
            ProviderLimiters old = previous == null ? null : previous.limiters;
            limiters = old != null && old.revision == revision ? old : ProviderLimiters.of(snapshot.throttling(), revision);
        }
        List<FaultRule.Fault> faults = new ArrayList<>();
        if (snapshot.faults() != null) {
            for (FaultRule.Fault f : snapshot.faults().faults()) {
                if (f.side() == Side.PROVIDER) {
                    faults.add(f);
                }
            }
        }
        return new ServicePolicy(snapshot, security == null ? null : new ProviderSecurity(security), limiters,
                List.copyOf(faults));
    }

    /** True when nothing here applies to served calls. */
    boolean isEmpty() {
        return security == null && limiters == null && faults.isEmpty();
    }
}
