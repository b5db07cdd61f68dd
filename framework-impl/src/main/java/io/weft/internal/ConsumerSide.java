package io.weft.internal;

import io.weft.ClientFilter;
import io.weft.GenericReference;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.internal.client.WeftClient;
import io.weft.internal.governance.ConsumerGovernance;
import io.weft.internal.governance.Governance;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.tls.ClientTls;
import io.weft.internal.transport.Transport;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of one {@code Weft}: makes the client on the first reference, builds stubs, and
 * registers a consumer node for each reference that discovers its providers (the console's view of who
 * calls a service). References are serialized on this object.
 */
final class ConsumerSide {
    private static final Logger log = LoggerFactory.getLogger(ConsumerSide.class);
    private static final AtomicInteger CONSUMER_IDS = new AtomicInteger();

    private final WeftConfig config;
    private final Transport transport;
    private final Hessian2Serialization serialization;
    private final List<ClientFilter> userFilters;
    private final ClientTls tls;
    private final Governance governance;
    private final ScheduledExecutorService scheduler;
    private final Registry registry;
    private final AppliedRules appliedRules;
    private final List<Registry.Registration> registrations = new CopyOnWriteArrayList<>();
    private WeftClient client; // guarded by this
    private boolean nodeRefusedLogged; // guarded by this
    private final JsonSerialization json;
    private final io.weft.spi.CallListener listener; // null: nobody listens

    ConsumerSide(WeftConfig config, Transport transport, Hessian2Serialization serialization,
                 List<ClientFilter> userFilters, ClientTls tls, Governance governance,
                 ScheduledExecutorService scheduler, Registry registry, AppliedRules appliedRules,
                 JsonSerialization json, io.weft.spi.CallListener listener) {
        this.listener = listener;
        this.json = json;
        this.config = config;
        this.transport = transport;
        this.serialization = serialization;
        this.userFilters = List.copyOf(userFilters);
        this.tls = tls;
        this.governance = governance;
        this.scheduler = scheduler;
        this.registry = registry;
        this.appliedRules = appliedRules;
    }

    /** A stub of {@code serviceInterface}: to the options' direct addresses, else through discovery. */
    synchronized <T> T reference(Class<T> serviceInterface, ReferenceOptions options) {
        String service = serviceInterface.getName();
        serialization.allowTypesOf(serviceInterface);
        boolean discovered = discovered(service, options);
        T stub = client().stub(serviceInterface, options, registry);
        if (discovered) {
            register(service, options.serializations().isEmpty() ? ProviderSide.SERIALIZATIONS
                    : options.serializations());
        }
        return stub;
    }

    /** A generic (JSON) reference to {@code service}: to the options' direct addresses, else through discovery. */
    synchronized GenericReference genericReference(String service, ReferenceOptions options) {
        boolean discovered = discovered(service, options);
        GenericReference reference = client().generic(service, options, registry);
        if (discovered) {
            register(service, List.of(JsonSerialization.NAME));
        }
        return reference;
    }

    /**
     * True when {@code options} name no direct address, so the reference finds its providers in the registry.
     *
     * @throws IllegalStateException when it would, but no registry is configured
     */
    private boolean discovered(String service, ReferenceOptions options) {
        boolean discovered = options.directAddresses().isEmpty();
        if (discovered && config.registryAddress().isEmpty()) {
            throw new IllegalStateException("cannot reference " + service
                    + ": set " + WeftConfig.REGISTRY_ADDRESS + " or give ReferenceOptions.directAddress");
        }
        return discovered;
    }

    /** This process's consumer nodes. */
    List<Registry.Registration> registrations() {
        return registrations;
    }

    /** Removes the consumer nodes and closes the client's connections. */
    void close() {
        for (Registry.Registration r : registrations) {
            ProviderSide.closeQuietly(r);
        }
        WeftClient cli;
        synchronized (this) {
            cli = client;
        }
        if (cli != null) {
            cli.close();
        }
    }

    private void register(String service, List<String> serializations) {
        String host = NetworkAddresses.firstNonLoopback();
        String id = host + ":" + ProcessHandle.current().pid() + ":" + CONSUMER_IDS.incrementAndGet();
        ServiceInstance consumer = ServiceInstance.consumer(service, id, config.application().orElse(""), host)
                .withSerializations(serializations);
        try {
            registrations.add(registry.register(InstanceRole.CONSUMER, appliedRules.decorate(consumer)));
        } catch (RpcException e) {
            if (e.status() != Status.PERMISSION_DENIED) {
                throw e;
            }
            // A locked registry (docs/security.md): discovery and calls work without the consumer node,
            // which only feeds the console's view.
            if (!nodeRefusedLogged) {
                nodeRefusedLogged = true;
                log.warn("calling without a consumer node: {}", e.getMessage());
            }
        }
    }

    private WeftClient client() {
        if (client == null) {
            List<ClientFilter> filters = new ArrayList<>(userFilters);
            // weft.security.token travels as :token in each method's pre-encoded metadata (ClientMethod).
            // Governance runs innermost: after user filters, right before routing and the cluster.
            filters.add(new ConsumerGovernance(governance, config.application().orElse(null), scheduler));
            client = new WeftClient(transport, config, serialization, filters, tls,
                    service -> governance.rules(service).current(), json, listener);
        }
        return client;
    }
}
