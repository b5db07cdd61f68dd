package io.weft.internal.governance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The live rules of every service this process offers or uses, one {@link ServiceRules} per
 * service, created on first use. Without a rule source (no registry) every service has the empty
 * snapshot.
 */
public final class Governance implements AutoCloseable {
    private final RuleSource source;
    private final Consumer<String> onChange;
    private final Map<String, ServiceRules> services = new ConcurrentHashMap<>();

    /**
     * @param source the registry's rule keys, or null for none
     * @param onChange called with the service name after its snapshot changed (on a registry thread)
     */
    public Governance(RuleSource source, Consumer<String> onChange) {
        this.source = source;
        this.onChange = onChange;
    }

    /** The live rules of {@code service}; starts watching them on first call. */
    public ServiceRules rules(String service) {
        if (source == null) {
            return services.computeIfAbsent(service, s -> new ServiceRules(s, (svc, kind, l) -> {
                l.accept(java.util.Optional.empty());
                return () -> { };
            }, () -> { }));
        }
        return services.computeIfAbsent(service, s -> new ServiceRules(s, source, () -> onChange.accept(s)));
    }

    @Override
    public void close() {
        services.values().forEach(ServiceRules::close);
        services.clear();
    }
}
