package io.weft.internal;

import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The registry of a process without {@code weft.registry.address}: direct addresses only. Nothing is
 * announced (a registration keeps its instance in memory), every watch sees no instances and no rules,
 * and writing rules or audit entries fails naming the missing key. Stateless and thread-safe.
 */
final class NoRegistry implements Registry {
    static final NoRegistry INSTANCE = new NoRegistry();

    private NoRegistry() {
    }

    @Override
    public Registration register(InstanceRole role, ServiceInstance instance) {
        return new LocalRegistration(instance);
    }

    @Override
    public List<ServiceInstance> list(String service, InstanceRole role) {
        return List.of();
    }

    @Override
    public Watch watch(String service, InstanceRole role, Consumer<List<ServiceInstance>> listener) {
        listener.accept(List.of());
        return () -> { };
    }

    @Override
    public Optional<RuleValue> getRule(String service, String kind) {
        return Optional.empty();
    }

    @Override
    public Watch watchRule(String service, String kind, Consumer<Optional<RuleValue>> listener) {
        listener.accept(Optional.empty());
        return () -> { };
    }

    @Override
    public long putRule(String service, String kind, String json, long expectedRevision) {
        throw notConfigured("write rules");
    }

    @Override
    public boolean deleteRule(String service, String kind, long expectedRevision) {
        throw notConfigured("delete rules");
    }

    @Override
    public List<String> services() {
        return List.of();
    }

    @Override
    public void appendAudit(String json) {
        throw notConfigured("write audit entries");
    }

    @Override
    public List<String> audit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return List.of();
    }

    @Override
    public void close() {
    }

    private static IllegalStateException notConfigured(String what) {
        return new IllegalStateException("cannot " + what + ": no registry configured (set " + WeftConfig.REGISTRY_ADDRESS + ")");
    }

    /** A registration nobody else sees; {@link #update} keeps the newest instance. */
    private static final class LocalRegistration implements Registration {
        private volatile ServiceInstance instance;

        LocalRegistration(ServiceInstance instance) {
            this.instance = instance;
        }

        @Override
        public ServiceInstance instance() {
            return instance;
        }

        @Override
        public void update(ServiceInstance instance) {
            this.instance = instance;
        }

        @Override
        public void close() {
        }
    }
}
