package io.weft.internal;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.ClientFilter;
import io.weft.ExportOptions;
import io.weft.GenericReference;
import io.weft.Exported;
import io.weft.InstanceStatus;
import io.weft.ReferenceOptions;
import io.weft.RegistryAddress;
import io.weft.ServerInterceptor;
import io.weft.ServiceInstance;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.internal.client.WeftClient;
import io.weft.internal.governance.ConnectionGuard;
import io.weft.internal.governance.ConsumerGovernance;
import io.weft.internal.governance.Governance;
import io.weft.internal.governance.ProviderGovernance;
import io.weft.internal.governance.RuleSnapshot;
import io.weft.internal.serialization.DecodeLimits;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.serialization.JsonLimits;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.server.ServerSettings;
import io.weft.internal.server.ServerStats;
import io.weft.internal.server.WeftServer;
import io.weft.internal.tls.ClientTls;
import io.weft.internal.tls.ServerTls;
import io.weft.internal.tls.TlsSettings;
import io.weft.internal.transport.Transport;
import io.weft.rule.SecurityRule;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import io.weft.spi.WeftProvider;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Weft} implementation: wires transport, server, client and registry together. */
final class WeftImpl implements Weft {
    private static final Logger log = LoggerFactory.getLogger(WeftImpl.class);
    private boolean consumerNodeRefusedLogged; // guarded by this
    private static final AtomicInteger CONSUMER_IDS = new AtomicInteger();
    /** What every provider accepts (DESIGN §4, §5 {@code serializations}). */
    private static final List<String> PROVIDER_SERIALIZATIONS = List.of("hessian2", JsonSerialization.NAME);

    private final WeftConfig config;
    private final WeftProvider.Setup setup;
    private final ServerSettings serverSettings;
    private final StatusReporter statusReporter;
    private final Transport transport;
    private final Hessian2Serialization serialization;
    private final JsonSerialization json;
    private final Registry registry;
    private final List<Registry.Registration> providerRegistrations = new CopyOnWriteArrayList<>();
    private final List<Registry.Registration> consumerRegistrations = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final Governance governance;
    private final Set<String> exportedServices = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> providerCounts =
            new ConcurrentHashMap<>();
    private final List<Registry.Watch> providerWatches = new CopyOnWriteArrayList<>();
    private volatile String selfInstance = "";
    private volatile SecurityRule.ConnectionLimits connectionLimits;
    private final ServerTls serverTls; // null: plaintext server
    private final ClientTls clientTls;
    private WeftServer server;
    private WeftClient client;
    private boolean closed;

    WeftImpl(WeftProvider.Setup setup) {
        this.setup = setup;
        this.config = setup.config();
        UnknownKeys.reportOnce(config);
        this.serverSettings = ServerSettings.from(config);
        this.connectionLimits = serverSettings.connectionLimits();
        TlsSettings tls = TlsSettings.from(config);
        this.serverTls = ServerTls.create(tls);
        this.clientTls = ClientTls.create(tls);
        this.serialization = new Hessian2Serialization(config.serializationAllow(), DecodeLimits.from(config));
        this.json = new JsonSerialization(JsonLimits.from(config, serverSettings.maxFrameBytes()));
        this.registry = config.registryAddress().map(a -> createRegistry(a, config)).orElse(null);
        this.transport = new Transport(Runtime.getRuntime().availableProcessors());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("weft-status", true));
        this.governance = new Governance(RegistryRuleSource.of(registry),
                service -> scheduler.execute(() -> rulesChanged(service)));
        this.statusReporter = new StatusReporter(scheduler,
                config.getMillis(StatusReporter.INTERVAL_MS, 5000, 100),
                config.getInt(StatusReporter.MAX_WRITES_PER_SECOND, 20, 1, 100_000),
                this::serverStats, providerRegistrations, this::withRules);
    }

    private static Registry createRegistry(RegistryAddress address, WeftConfig config) {
        for (RegistryFactory factory : ServiceLoader.load(RegistryFactory.class, WeftImpl.class.getClassLoader())) {
            if (factory.scheme().equals(address.scheme())) {
                return factory.create(address, config);
            }
        }
        throw new WeftConfigException("invalid configuration " + WeftConfig.REGISTRY_ADDRESS + "='" + address
                + "': no registry module for scheme '" + address.scheme()
                + "' on the class path (add io.weft:registry-" + address.scheme() + ")");
    }

    @Override
    public WeftConfig config() {
        return config;
    }

    @Override
    public synchronized <T> Exported export(Class<T> serviceInterface, T implementation, ExportOptions options) {
        checkOpen();
        if (registry != null && config.application().isEmpty()) {
            throw new WeftConfigException("invalid configuration " + WeftConfig.APPLICATION
                    + ": required to export services (name the application that provides them)");
        }
        serialization.allowTypesOf(serviceInterface);
        WeftServer srv = server();
        List<String> methods = srv.export(serviceInterface, implementation);
        InetSocketAddress bound;
        try {
            bound = srv.start(config.serverHost().orElse(null), config.serverPort());
        } catch (RuntimeException e) {
            srv.unexport(serviceInterface.getName());
            throw e;
        }
        String host = config.serverHost().orElseGet(NetworkAddresses::firstNonLoopback);
        selfInstance = host + ":" + bound.getPort();
        exportedServices.add(serviceInterface.getName());
        governance.rules(serviceInterface.getName());
        updateConnectionLimits();
        if (registry != null) {
            providerCounts.computeIfAbsent(serviceInterface.getName(), s -> {
                AtomicInteger count = new AtomicInteger(1);
                providerWatches.add(registry.watch(s, InstanceRole.PROVIDER, list -> count.set(Math.max(1, list.size()))));
                return count;
            });
        }
        ServiceInstance instance = ServiceInstance.provider(serviceInterface.getName(),
                        config.application().orElse(""), host, bound.getPort())
                .withMethods(methods)
                .withTags(options.tags())
                .withWeight(options.weight())
                .withVersion(options.version())
                .withTls(serverTls != null)
                .withSerializations(PROVIDER_SERIALIZATIONS)
                .withStatus(InstanceStatus.healthyNow());
        Registry.Registration registration = null;
        if (registry != null) {
            try {
                registration = registry.register(InstanceRole.PROVIDER, withRules(instance));
            } catch (RuntimeException e) {
                srv.unexport(serviceInterface.getName());
                throw e;
            }
            providerRegistrations.add(registration);
            statusReporter.start();
        }
        log.info("exported {} at {}:{}", instance.service(), host, bound.getPort());
        return new ExportedService(instance, registration, srv);
    }

    @Override
    public synchronized <T> T reference(Class<T> serviceInterface, ReferenceOptions options) {
        checkOpen();
        serialization.allowTypesOf(serviceInterface);
        T stub = client().stub(serviceInterface, options, registry);
        registerConsumer(serviceInterface.getName(), options,
                options.serializations().isEmpty() ? PROVIDER_SERIALIZATIONS : options.serializations());
        return stub;
    }

    @Override
    public synchronized GenericReference genericReference(String service, ReferenceOptions options) {
        checkOpen();
        GenericReference reference = client().generic(service, options, registry);
        registerConsumer(service, options, List.of(JsonSerialization.NAME));
        return reference;
    }

    /** The consumer node of a reference (discovery through the registry only), for the console's view. */
    private void registerConsumer(String service, ReferenceOptions options, List<String> serializations) {
        if (registry != null && options.directAddresses().isEmpty()) {
            String host = NetworkAddresses.firstNonLoopback();
            String id = host + ":" + ProcessHandle.current().pid() + ":" + CONSUMER_IDS.incrementAndGet();
            ServiceInstance consumer = new ServiceInstance(service, id,
                    config.application().orElse(""), host, 0, ServiceInstance.PROTOCOL, serializations, "",
                    0, Map.of(), List.of(), false, System.currentTimeMillis(), null, Map.of());
            try {
                consumerRegistrations.add(registry.register(InstanceRole.CONSUMER, withRules(consumer)));
            } catch (io.weft.RpcException e) {
                if (e.status() != io.weft.Status.PERMISSION_DENIED) {
                    throw e;
                }
                // A locked registry (docs/security.md): discovery and calls work without the consumer node,
                // which only feeds the console's view.
                if (!consumerNodeRefusedLogged) {
                    consumerNodeRefusedLogged = true;
                    log.warn("calling without a consumer node: {}", e.getMessage());
                }
            }
        }
    }

    @Override
    public synchronized Optional<InetSocketAddress> serverAddress() {
        return server == null ? Optional.empty() : Optional.ofNullable(server.localAddress());
    }

    private WeftServer server() {
        if (server == null) {
            // Governance runs outermost on the provider: security, throttling and faults before user interceptors.
            List<ServerInterceptor> interceptors = new ArrayList<>();
            interceptors.add(new ProviderGovernance(governance, () -> selfInstance, this::liveProviders, null));
            interceptors.addAll(setup.serverInterceptors());
            server = new WeftServer(transport, serverSettings, serialization, interceptors,
                    new ConnectionGuard(() -> connectionLimits), serverTls, json);
        }
        return server;
    }

    private WeftClient client() {
        if (client == null) {
            List<ClientFilter> filters = new ArrayList<>(setup.clientFilters());
            // weft.security.token travels as :token in each method's pre-encoded metadata (ClientMethod).
            // Governance runs innermost: after user filters, right before routing and the cluster.
            filters.add(new ConsumerGovernance(governance, config.application().orElse(null), scheduler));
            client = new WeftClient(transport, config, serialization, filters, clientTls,
                    service -> governance.rules(service).current(), json);
        }
        return client;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Weft is closed");
        }
    }

    private synchronized ServerStats serverStats() {
        return server == null ? null : server.stats();
    }

    /** A rule of {@code service} changed: report the revisions in force (and refusals) in its nodes now. */
    private void rulesChanged(String service) {
        updateConnectionLimits();
        try {
            for (Registry.Registration r : providerRegistrations) {
                if (r.instance().service().equals(service)) {
                    r.update(withRules(r.instance()));
                }
            }
            for (Registry.Registration r : consumerRegistrations) {
                if (r.instance().service().equals(service)) {
                    r.update(withRules(r.instance()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("cannot report applied rules of {}: {}", service, e.toString());
        }
    }

    /** Recomputes the per-IP limits: the strictest of the exported services' security rules. */
    private void updateConnectionLimits() {
        List<RuleSnapshot> snapshots = new ArrayList<>();
        for (String service : exportedServices) {
            snapshots.add(governance.rules(service).current());
        }
        connectionLimits = ConnectionGuard.strictest(serverSettings.connectionLimits(), snapshots);
    }

    /** How many providers of {@code service} are registered now (at least 1: this one). */
    private int liveProviders(String service) {
        AtomicInteger count = providerCounts.get(service);
        return count == null ? 1 : count.get();
    }

    /** The instance with the rule revisions in force and the rule errors of its service. */
    private ServiceInstance withRules(ServiceInstance instance) {
        RuleSnapshot rules = governance.rules(instance.service()).current();
        InstanceStatus status = instance.status() == null ? InstanceStatus.healthyNow() : instance.status();
        return instance.withAppliedRules(rules.revisions()).withStatus(status.withRuleErrors(rules.errors()));
    }

    @Override
    public void close() {
        WeftServer srv;
        WeftClient cli;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            srv = server;
            cli = client;
        }
        scheduler.shutdownNow();
        // Unregister first so consumers stop choosing this instance, then drain.
        for (Registry.Registration r : providerRegistrations) {
            closeQuietly(r);
        }
        if (srv != null) {
            srv.shutdown(serverSettings.shutdownTimeout());
        }
        for (Registry.Registration r : consumerRegistrations) {
            closeQuietly(r);
        }
        if (cli != null) {
            cli.close();
        }
        if (registry != null) {
            try {
                registry.close();
            } catch (RuntimeException e) {
                log.warn("closing the registry failed: {}", e.toString());
            }
        }
        for (Registry.Watch w : providerWatches) {
            w.close();
        }
        governance.close();
        transport.close();
    }

    private static void closeQuietly(Registry.Registration r) {
        try {
            r.close();
        } catch (RuntimeException e) {
            log.warn("unregistering {} failed: {}", r.instance().instanceId(), e.toString());
        }
    }

    /** The handle {@link #export} returns. */
    private static final class ExportedService implements Exported {
        private final ServiceInstance instance;
        private final Registry.Registration registration;
        private final WeftServer server;

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
        public void close() {
            if (registration != null) {
                registration.close();
            }
            server.unexport(instance.service());
        }
    }
}
