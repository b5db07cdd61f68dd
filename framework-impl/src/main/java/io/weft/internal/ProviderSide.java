package io.weft.internal;

import io.weft.ExportOptions;
import io.weft.Exported;
import io.weft.GenericService;
import io.weft.InstanceStatus;
import io.weft.ServerInterceptor;
import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.internal.governance.ConnectionGuard;
import io.weft.internal.governance.Governance;
import io.weft.internal.governance.ProviderGovernance;
import io.weft.internal.governance.RuleSnapshot;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.server.ServerSettings;
import io.weft.internal.server.ServerStats;
import io.weft.internal.server.WeftServer;
import io.weft.internal.tls.ServerTls;
import io.weft.internal.transport.Transport;
import io.weft.rule.SecurityRule;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider side of one {@code Weft}: starts the server on the first export, registers each exported
 * service with the rules in force, keeps the per-IP connection limits at the strictest of the exported
 * services' security rules, and on close unregisters before it drains. Exports are serialized on this
 * object; {@link #rulesChanged} and the status reporter run on the scheduler thread.
 */
final class ProviderSide {
    /** What every provider accepts and lists in its node (DESIGN §4, §5 {@code serializations}). */
    static final List<String> SERIALIZATIONS = List.of("hessian2", JsonSerialization.NAME);
    /** What a generic export accepts: JSON only. */
    static final List<String> GENERIC_SERIALIZATIONS = List.of(JsonSerialization.NAME);
    private static final Logger log = LoggerFactory.getLogger(ProviderSide.class);

    private final WeftConfig config;
    private final ServerSettings settings;
    private final ServerTls tls; // null: plaintext
    private final Hessian2Serialization serialization;
    private final Transport transport;
    private final List<ServerInterceptor> userInterceptors;
    private final Governance governance;
    private final Registry registry;
    private final AppliedRules appliedRules;
    private final ProviderCounts counts;
    private final StatusReporter statusReporter;
    private final List<Registry.Registration> registrations = new CopyOnWriteArrayList<>();
    private final List<ExportedService> exports = new CopyOnWriteArrayList<>();
    private final Set<String> exported = ConcurrentHashMap.newKeySet();
    private volatile String selfInstance = "";
    private volatile SecurityRule.ConnectionLimits connectionLimits;
    private WeftServer server; // guarded by this
    private final JsonSerialization json;
    private final io.weft.spi.CallListener listener; // null: nobody listens

    ProviderSide(WeftConfig config, ServerSettings settings, ServerTls tls, Hessian2Serialization serialization,
                 Transport transport, List<ServerInterceptor> userInterceptors, Governance governance,
                 Registry registry, AppliedRules appliedRules, ScheduledExecutorService scheduler,
                 StatusReporter.Settings statusSettings, JsonSerialization json, DoubleSupplier healthIndicator,
                 io.weft.spi.CallListener listener) {
        this.listener = listener;
        this.json = json;
        this.config = config;
        this.settings = settings;
        this.tls = tls;
        this.serialization = serialization;
        this.transport = transport;
        this.userInterceptors = List.copyOf(userInterceptors);
        this.governance = governance;
        this.registry = registry;
        this.appliedRules = appliedRules;
        this.counts = new ProviderCounts(registry);
        this.connectionLimits = settings.connectionLimits();
        this.statusReporter = new StatusReporter(scheduler, statusSettings, this::serverStats, registrations,
                appliedRules::decorate, healthIndicator);
    }

    /** Serves {@code implementation} and registers it; on failure nothing stays exported. */
    synchronized <T> Exported export(Class<T> serviceInterface, T implementation, ExportOptions options) {
        String service = serviceInterface.getName();
        requireApplication();
        serialization.allowTypesOf(serviceInterface);
        WeftServer srv = server();
        List<String> methods = srv.export(serviceInterface, implementation);
        return startAndRegister(srv, service, methods, SERIALIZATIONS, options);
    }

    /** Serves {@code handler} as the JSON-only {@code service} and registers it (see {@link io.weft.Weft#exportGeneric}). */
    synchronized Exported exportGeneric(String service, List<String> methods, GenericService handler,
                                        ExportOptions options) {
        requireApplication();
        WeftServer srv = server();
        List<String> listed = srv.exportGeneric(service, methods, handler);
        return startAndRegister(srv, service, listed, GENERIC_SERIALIZATIONS, options);
    }

    private void requireApplication() {
        if (config.registryAddress().isPresent() && config.application().isEmpty()) {
            throw new WeftConfigException("invalid configuration " + WeftConfig.APPLICATION
                    + ": required to export services (name the application that provides them)");
        }
    }

    /** Starts the server if needed and registers the node of {@code service}; on failure unexports it. */
    private Exported startAndRegister(WeftServer srv, String service, List<String> methods,
                                      List<String> serializations, ExportOptions options) {
        InetSocketAddress bound;
        try {
            bound = srv.start(config.serverHost().orElse(null), config.serverPort());
        } catch (RuntimeException e) {
            srv.unexport(service);
            throw e;
        }
        String host = config.serverHost().orElseGet(NetworkAddresses::firstNonLoopback);
        selfInstance = host + ":" + bound.getPort();
        exported.add(service);
        governance.rules(service);
        updateConnectionLimits();
        counts.track(service);
        ServiceInstance instance = ServiceInstance.provider(service, config.application().orElse(""), host,
                        bound.getPort())
                .withMethods(methods)
                .withTags(options.tags())
                .withWeight(options.weight())
                .withVersion(options.version())
                .withTls(tls != null)
                .withSerializations(serializations)
                .withSidecar(options.sidecar())
                .withStatus(InstanceStatus.healthyNow());
        Registry.Registration registration;
        try {
            registration = registry.register(InstanceRole.PROVIDER, appliedRules.decorate(instance));
        } catch (RuntimeException e) {
            srv.unexport(service);
            throw e;
        }
        registrations.add(registration);
        statusReporter.start();
        log.info("exported {} at {}:{}", service, host, bound.getPort());
        ExportedService export = new ExportedService(instance, registration, srv);
        exports.add(export);
        return export;
    }

    /** Why not every export is registered (an export taken out of rotation), or null when all are. */
    String notRegisteredReason() {
        for (ExportedService e : exports) {
            if (!e.inRotation()) {
                return e.service() + " is not registered (out of rotation)";
            }
        }
        return null;
    }

    synchronized Optional<InetSocketAddress> address() {
        return server == null ? Optional.empty() : Optional.ofNullable(server.localAddress());
    }

    /** This process's provider nodes. */
    List<Registry.Registration> registrations() {
        return registrations;
    }

    /** A rule changed: the per-IP limits may have. */
    void rulesChanged() {
        updateConnectionLimits();
    }

    /** Unregisters every export (consumers stop choosing this instance), then drains the server. */
    void close() {
        for (Registry.Registration r : registrations) {
            closeQuietly(r);
        }
        WeftServer srv;
        synchronized (this) {
            srv = server;
        }
        if (srv != null) {
            srv.shutdown(settings.shutdownTimeout());
        }
        counts.close();
    }

    private WeftServer server() {
        if (server == null) {
            // Governance runs outermost on the provider: security, throttling and faults before user interceptors.
            List<ServerInterceptor> interceptors = new ArrayList<>();
            interceptors.add(new ProviderGovernance(governance, () -> selfInstance, counts::live, null));
            interceptors.addAll(userInterceptors);
            server = new WeftServer(transport, settings, serialization, interceptors,
                    new ConnectionGuard(() -> connectionLimits), tls, json, listener);
        }
        return server;
    }

    private synchronized ServerStats serverStats() {
        return server == null ? null : server.stats();
    }

    /** Recomputes the per-IP limits: the strictest of the exported services' security rules. */
    private void updateConnectionLimits() {
        List<RuleSnapshot> snapshots = new ArrayList<>();
        for (String service : exported) {
            snapshots.add(governance.rules(service).current());
        }
        connectionLimits = ConnectionGuard.strictest(settings.connectionLimits(), snapshots);
    }

    static void closeQuietly(Registry.Registration r) {
        try {
            r.close();
        } catch (RuntimeException e) {
            log.warn("unregistering {} failed: {}", r.instance().instanceId(), e.toString());
        }
    }

    /**
     * The handle {@link #export} returns. Taking it out of rotation closes its node and keeps serving;
     * closing it does both. Transitions are serialized on the handle.
     */
    private final class ExportedService implements Exported {
        private final ServiceInstance instance;
        private final WeftServer server;
        private Registry.Registration registration; // guarded by this; null while out of rotation
        private boolean closed; // guarded by this

        ExportedService(ServiceInstance instance, Registry.Registration registration, WeftServer server) {
            this.instance = instance;
            this.registration = registration;
            this.server = server;
        }

        @Override
        public String service() {
            return instance.service();
        }

        @Override
        public ServiceInstance instance() {
            return instance;
        }

        @Override
        public synchronized void setInRotation(boolean inRotation) {
            if (closed || inRotation == (registration != null)) {
                return;
            }
            if (inRotation) {
                registration = registry.register(InstanceRole.PROVIDER,
                        appliedRules.decorate(instance.withStatus(InstanceStatus.healthyNow())));
                registrations.add(registration);
            } else {
                unregister();
            }
        }

        @Override
        public synchronized boolean inRotation() {
            return registration != null;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            exports.remove(this);
            if (registration != null) {
                unregister();
            }
            server.unexport(instance.service());
        }

        private void unregister() {
            registrations.remove(registration); // the status reporter stops refreshing the node
            Registry.Registration r = registration;
            registration = null;
            r.close();
        }
    }
}
