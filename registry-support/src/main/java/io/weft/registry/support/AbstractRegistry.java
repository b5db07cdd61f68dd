package io.weft.registry.support;

import static java.util.Objects.requireNonNull;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What the registry implementations share: the open/closed state, the table of this registry's
 * registrations (one per key), the registration flow of {@link #register}, and the rule and audit
 * operations of {@link Registry}: this class checks state and arguments and builds the key
 * {@code /{ns}/rules/{service}/{kind}}, then hands over to the backend's {@link RuleStore} and
 * {@link AuditLog}. Watching a rule key stays with the subclass ({@link #watchRuleKey}): it runs on the
 * registry's own watch threads and closes with it. Thread-safe.
 *
 * @param <R> the backend's registration
 */
public abstract class AbstractRegistry<R extends Registry.Registration> implements Registry {
    private final RegistryAddress address;
    private final String namespace;
    private final Duration timeout;
    private final String backend;
    private final RuleStore rules;
    private final AuditLog audit;
    private final Map<String, R> registrations = new ConcurrentHashMap<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param backend the backend's name for messages ({@code ZooKeeper}, {@code etcd})
     * @param timeout how long {@link #register} waits for the first write
     * @param rules the backend's rule keys
     * @param audit the backend's audit entries
     */
    protected AbstractRegistry(String backend, RegistryAddress address, String namespace, Duration timeout,
                               RuleStore rules, AuditLog audit) {
        this.backend = backend;
        this.address = address;
        this.namespace = namespace;
        this.timeout = timeout;
        this.rules = requireNonNull(rules, "rules");
        this.audit = requireNonNull(audit, "audit");
    }

    /** A registration of {@code instance} at {@code key}, not started yet. */
    protected abstract R newRegistration(String key, ServiceInstance instance);

    /**
     * Starts writing {@code registration}; {@code true} once it is in the backend within {@code timeout}.
     *
     * @throws RpcException when the backend refused the write for good (e.g. {@code PERMISSION_DENIED})
     */
    protected abstract boolean startAndAwait(R registration, Duration timeout);

    /**
     * Whether the backend is reachable now. While it is not (a process started before its registry),
     * {@link #register} starts the registration and returns at once: the backend writes it when it
     * connects. Default: always reachable.
     */
    protected boolean reachable() {
        return true;
    }

    /** Whether the backend is reachable now (false while a process waits for its registry). */
    public final boolean isReachable() {
        return !closed.get() && reachable();
    }

    /**
     * Whether the session with the backend is up at this moment (a ZooKeeper connection, an etcd
     * lease); unlike {@link #reachable} it turns false while a session is lost. Default: {@link #reachable}.
     */
    protected boolean connectedNow() {
        return reachable();
    }

    /** Whether the registry session is up now (the admin endpoint's {@code /ready}, DESIGN §10). */
    public final boolean isConnected() {
        return !closed.get() && connectedNow();
    }

    /** Starts writing {@code registration} without waiting (see {@link #reachable}). */
    protected void startLater(R registration) {
        throw new UnsupportedOperationException(backend + " registrations cannot wait for the backend");
    }

    /** Gives up a registration whose first write did not finish in time, deleting whatever it wrote. */
    protected abstract void abandonUnfinished(R registration);

    /** Watches the rule key {@code key} (the registry is open); see {@link Registry#watchRule}. */
    protected abstract Watch watchRuleKey(String key, Consumer<Optional<RuleValue>> listener);

    /** The instances under {@code parent}, e.g. {@code /weft/services/S/providers} (the registry is open). */
    protected abstract List<ServiceInstance> listInstances(String parent);

    /** Watches the instances under {@code parent} (the registry is open); see {@link Registry#watch}. */
    protected abstract Watch watchInstances(String parent, Consumer<List<ServiceInstance>> listener);

    /**
     * Writes the instance key and waits up to the timeout for it.
     *
     * @throws IllegalStateException when this registry already registered that key, or is closed
     * @throws RpcException {@code UNAVAILABLE} naming the key when the backend did not take it in time,
     *     {@code PERMISSION_DENIED} when the registry's credentials do not allow writing it
     */
    @Override
    public final Registration register(InstanceRole role, ServiceInstance instance) {
        requireNonNull(role, "role");
        requireNonNull(instance, "instance");
        checkOpen();
        String key = RegistryPaths.instance(namespace, instance.service(), role, instance.instanceId());
        R registration = newRegistration(key, instance);
        if (registrations.putIfAbsent(key, registration) != null) {
            throw new IllegalStateException("already registered by this registry: " + key);
        }
        if (!reachable()) {
            startLater(registration);
            return registration;
        }
        boolean written;
        try {
            written = startAndAwait(registration, timeout);
        } catch (RuntimeException e) {
            abandonUnfinished(registration);
            registrations.remove(key, registration);
            throw e;
        }
        if (!written) {
            abandonUnfinished(registration);
            registrations.remove(key, registration);
            throw new RpcException(Status.UNAVAILABLE, "cannot register " + key + " at " + backend + " " + address
                    + " within " + timeout.toMillis() + " ms");
        }
        return registration;
    }

    @Override
    public final List<ServiceInstance> list(String service, InstanceRole role) {
        requireNonNull(role, "role");
        checkOpen();
        return listInstances(RegistryPaths.instances(namespace, service, role));
    }

    @Override
    public final Watch watch(String service, InstanceRole role, Consumer<List<ServiceInstance>> listener) {
        requireNonNull(role, "role");
        requireNonNull(listener, "listener");
        checkOpen();
        return watchInstances(RegistryPaths.instances(namespace, service, role), listener);
    }

    @Override
    public final Optional<RuleValue> getRule(String service, String kind) {
        checkOpen();
        return rules.get(RegistryPaths.rule(namespace, service, kind));
    }

    @Override
    public final Watch watchRule(String service, String kind, Consumer<Optional<RuleValue>> listener) {
        requireNonNull(listener, "listener");
        checkOpen();
        return watchRuleKey(RegistryPaths.rule(namespace, service, kind), listener);
    }

    @Override
    public final long putRule(String service, String kind, String json, long expectedRevision) {
        requireNonNull(json, "json");
        checkOpen();
        checkExpectedRevision(expectedRevision);
        return rules.put(RegistryPaths.rule(namespace, service, kind), json, expectedRevision);
    }

    @Override
    public final boolean deleteRule(String service, String kind, long expectedRevision) {
        checkOpen();
        checkExpectedRevision(expectedRevision);
        return rules.delete(RegistryPaths.rule(namespace, service, kind), expectedRevision);
    }

    private static void checkExpectedRevision(long expectedRevision) {
        if (expectedRevision < -1) {
            throw new IllegalArgumentException("expected revision must be -1 (any), 0 (absent) or positive, got "
                    + expectedRevision);
        }
    }

    @Override
    public final void appendAudit(String json) {
        requireNonNull(json, "json");
        checkOpen();
        audit.append(json);
    }

    @Override
    public final List<String> audit(int limit) {
        checkOpen();
        if (limit < 0) {
            throw new IllegalArgumentException("audit limit must not be negative: " + limit);
        }
        return limit == 0 ? List.of() : audit.newest(limit);
    }

    /** Marks the registry closed; {@code true} for the first caller only. */
    protected final boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    public final boolean isClosed() {
        return closed.get();
    }

    /** @throws IllegalStateException when the registry is closed */
    protected final void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("registry is closed");
        }
    }

    /** This registry's live registrations (a live view). */
    protected final Collection<R> registrations() {
        return registrations.values();
    }

    /** Forgets every registration (closing the session or lease removed their keys). */
    protected final void clearRegistrations() {
        registrations.clear();
    }

    /** Forgets {@code registration} (closed by the user). */
    public final void removed(String key, R registration) {
        registrations.remove(key, registration);
    }

    /** Keeps {@code watch} among this registry's open watches (closed with it); returns it. */
    protected final <W extends Watch> W tracked(W watch) {
        watches.add(watch);
        return watch;
    }

    /** This registry's open watches (a live view). */
    protected final Collection<Watch> watches() {
        return watches;
    }

    /** Closes every open watch (each then calls {@link #removed(Watch)}). */
    protected final void closeWatches() {
        List.copyOf(watches).forEach(Watch::close);
    }

    /** Forgets {@code watch} (closed by the user or by {@link #closeWatches}). */
    public final void removed(Watch watch) {
        watches.remove(watch);
    }

    public final RegistryAddress address() {
        return address;
    }

    public final String namespace() {
        return namespace;
    }

    /** The connect timeout, also the bound on each blocking operation. */
    public final Duration timeout() {
        return timeout;
    }
}
