package io.weft.internal;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.ExportOptions;
import io.weft.Exported;
import io.weft.GenericReference;
import io.weft.GenericService;
import io.weft.ReferenceOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import io.weft.internal.governance.Governance;
import io.weft.internal.observe.AccessLog;
import io.weft.internal.observe.AdminServer;
import io.weft.internal.observe.Observability;
import io.weft.spi.CallListener;
import io.weft.spi.MetricsProvider;
import io.weft.internal.serialization.DecodeLimits;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.serialization.JsonLimits;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.server.ServerSettings;
import io.weft.internal.tls.ClientTls;
import io.weft.internal.tls.ServerTls;
import io.weft.internal.tls.TlsSettings;
import io.weft.internal.transport.Transport;
import io.weft.registry.support.AbstractRegistry;
import io.weft.registry.support.UnknownKeys;
import io.weft.spi.Registry;
import io.weft.spi.WeftProvider;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Weft} implementation: reads the configuration, owns what both sides share (transport,
 * serialization, registry, rules, the {@code weft-status} scheduler) and hands exports to the
 * {@link ProviderSide} and references to the {@link ConsumerSide}. When a rule changes it lets the
 * provider side recompute its limits and {@link AppliedRules} report the new revisions.
 */
final class WeftImpl implements Weft, SharedTransport {
    private static final Logger log = LoggerFactory.getLogger(WeftImpl.class);

    private final WeftConfig config;
    private final Transport transport;
    private final Registry registry;
    private final ScheduledExecutorService scheduler;
    private final Governance governance;
    private final AppliedRules appliedRules;
    private final ProviderSide provider;
    private final ConsumerSide consumer;
    private final CallListener listener; // null: nobody listens
    private final AccessLog accessLog; // null: weft.access-log off
    private final AdminServer admin; // null: no weft.admin.port
    private boolean closed; // guarded by this

    WeftImpl(WeftProvider.Setup setup) {
        this.config = setup.config();
        UnknownKeys.reportOnce(config);
        // Every setting is read (and checked) before anything starts: a bad value leaks no thread.
        ServerSettings serverSettings = ServerSettings.from(config);
        TlsSettings tls = TlsSettings.from(config);
        ServerTls serverTls = ServerTls.create(tls);
        ClientTls clientTls = ClientTls.create(tls);
        Hessian2Serialization serialization =
                new Hessian2Serialization(config.serializationAllow(), DecodeLimits.from(config));
        JsonSerialization json = new JsonSerialization(JsonLimits.from(config, serverSettings.maxFrameBytes()));
        StatusReporter.Settings statusSettings = StatusReporter.Settings.from(config);
        int ioThreads = config.get(WeftKeys.TRANSPORT_IO_THREADS);
        List<MetricsProvider> metrics = Observability.metricsProviders(config);
        this.accessLog = AccessLog.create(config);
        this.listener = Observability.listener(setup.callListeners(), metrics, accessLog);
        try {
            // The admin port is bound first: a port in use fails start-up before anything else runs.
            this.admin = Observability.admin(config, metrics, this::notReady);
        } catch (RuntimeException | Error e) {
            closeAccessLog();
            throw e;
        }
        try {
            this.registry = Registries.open(config);
            this.transport = new Transport(ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors());
            this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("weft-status", true));
            this.governance = new Governance(RegistryRuleSource.of(registry),
                    service -> scheduler.execute(() -> rulesChanged(service)));
            this.appliedRules = new AppliedRules(governance, scheduler);
            this.provider = new ProviderSide(config, serverSettings, serverTls, serialization, transport,
                    setup.serverInterceptors(), governance, registry, appliedRules, scheduler, statusSettings, json,
                    setup.healthIndicator(), listener);
            this.consumer = new ConsumerSide(config, transport, serialization, setup.clientFilters(), clientTls,
                    governance, scheduler, registry, appliedRules, json, listener);
        } catch (RuntimeException | Error e) {
            if (admin != null) {
                admin.close();
            }
            closeAccessLog();
            throw e;
        }
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public Optional<String> notReadyReason() {
        return Optional.ofNullable(notReady());
    }

    /** Why this instance is not ready (DESIGN §10 {@code /ready}), or null when it is. */
    private String notReady() {
        synchronized (this) {
            if (closed) {
                return "closing";
            }
        }
        if (provider == null) {
            return "starting";
        }
        if (registry instanceof AbstractRegistry<?> r && !r.isConnected()) {
            return "no registry session with " + r.address();
        }
        return provider.notRegisteredReason();
    }

    @Override
    public WeftConfig config() {
        return config;
    }

    @Override
    public synchronized <T> Exported export(Class<T> serviceInterface, T implementation, ExportOptions options) {
        checkOpen();
        return provider.export(serviceInterface, implementation, options);
    }

    @Override
    public synchronized Exported exportGeneric(String service, List<String> methods, GenericService handler,
                                               ExportOptions options) {
        checkOpen();
        return provider.exportGeneric(service, List.copyOf(methods), handler, options);
    }

    @Override
    public synchronized <T> T reference(Class<T> serviceInterface, ReferenceOptions options) {
        checkOpen();
        return consumer.reference(serviceInterface, options);
    }

    @Override
    public synchronized GenericReference genericReference(String service, ReferenceOptions options) {
        checkOpen();
        return consumer.genericReference(service, options);
    }

    @Override
    public Optional<InetSocketAddress> serverAddress() {
        return provider.address();
    }

    @Override
    public Optional<InetSocketAddress> adminAddress() {
        return admin == null ? Optional.empty() : Optional.of(admin.address());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Weft is closed");
        }
    }

    /** A rule of {@code service} changed: new per-IP limits, and the revisions in force reported in its nodes soon. */
    private void rulesChanged(String service) {
        if (listener != null) {
            java.util.Map<String, Long> revisions = governance.rules(service).current().revisions();
            for (io.weft.rule.RuleKind kind : io.weft.rule.RuleKind.values()) {
                listener.ruleApplied(service, kind.key(), revisions.getOrDefault(kind.key(), 0L));
            }
        }
        provider.rulesChanged();
        appliedRules.reportSoon(service, () -> {
            List<Registry.Registration> nodes = new ArrayList<>(provider.registrations());
            nodes.addAll(consumer.registrations());
            return nodes;
        });
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (admin != null) {
            admin.close();
        }
        scheduler.shutdownNow();
        provider.close(); // unregister first so consumers stop choosing this instance, then drain
        consumer.close();
        try {
            registry.close();
        } catch (RuntimeException e) {
            log.warn("closing the registry failed: {}", e.toString());
        }
        governance.close();
        transport.close();
        closeAccessLog(); // last: every call has ended, so every line is written
    }

    private void closeAccessLog() {
        if (accessLog != null) {
            accessLog.close();
        }
    }
}
