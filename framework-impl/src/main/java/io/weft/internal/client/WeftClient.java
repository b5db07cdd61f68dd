package io.weft.internal.client;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.ClientFilter;
import io.weft.ClientInvoker;
import io.weft.ClusterStrategy;
import io.weft.GenericReference;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.Idempotent;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.WeftKeys;
import io.weft.spi.LoadBalancer;
import io.weft.internal.chain.FilterChains;
import io.weft.internal.governance.RuleSnapshot;
import io.weft.spi.LoadBalancerProvider;
import java.util.function.Function;
import io.weft.ServiceInstance;
import io.weft.internal.tls.ClientTls;
import io.weft.internal.transport.Transport;
import io.weft.spi.Registry;
import io.weft.spi.Serialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of one Weft instance: makes stubs, and owns the shared connection pool,
 * callback executor, the load balancer providers and the cluster executor that
 * keeps every reference's {@link EndpointGroup} up to date (ticks every {@link #TICK_MILLIS} ms while
 * any group needs upkeep, see {@link ClusterUpkeep}; an idle client's cluster thread sleeps).
 * Call deadlines run on one timer shared by every client in the JVM ({@link DeadlineTimer}).
 */
public final class WeftClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WeftClient.class);
    static final long TICK_MILLIS = 200;
    /** The token this consumer sends as {@code :token} with every call ({@code authentication.mode: token}). */
    public static final String SECURITY_TOKEN = WeftKeys.SECURITY_TOKEN.name();

    private final ClientSettings settings;
    private final List<ClientFilter> filters;
    private final String application;
    private final String token; // weft.security.token, or null
    private final ConnectionPool pool;
    private final ExecutorService callbackExecutor;
    private final List<Directory> directories = new CopyOnWriteArrayList<>();
    private final List<EndpointGroup> groups = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService clusterExecutor;
    private final ClusterUpkeep upkeep;
    private final Map<String, LoadBalancerProvider> balancers;
    private final Function<String, RuleSnapshot> routingRules;
    private final ClientTls tls;
    private final JsonSerialization json;
    private final Serialization serialization;
    private final io.weft.spi.CallListener listener; // null: nobody listens

    /**
     * @param tls how to reach providers whose node says {@code tls}, and direct addresses when
     *     {@code weft.client.tls}
     * @param routingRules the rules in force for a service, or null (read on every call; must be a
     *     cheap lookup of an immutable snapshot)
     * @param json JSON (serialization 2): for generic references and references that prefer or need it
     * @param listener told of every call, retry and ejection (DESIGN §10); null: nobody listens
     */
    public WeftClient(Transport transport, WeftConfig config, Serialization serialization, List<ClientFilter> filters,
                      ClientTls tls, Function<String, RuleSnapshot> routingRules, JsonSerialization json,
                      io.weft.spi.CallListener listener) {
        this.listener = listener;
        this.json = json;
        this.serialization = serialization;
        this.routingRules = routingRules;
        this.settings = ClientSettings.from(config);
        this.tls = tls;
        this.filters = List.copyOf(filters);
        this.application = config.application().orElse(null);
        this.token = config.get(WeftKeys.SECURITY_TOKEN);
        this.pool = new ConnectionPool(transport, settings, serialization, DeadlineTimer.TIMER, this::onConnectionEvent, tls,
                this::usesTls);
        this.callbackExecutor = Executors.newCachedThreadPool(new DefaultThreadFactory("weft-callback", true));
        this.balancers = loadBalancers();
        if (!balancers.containsKey(settings.loadBalancer())) {
            throw new WeftConfigException("invalid configuration " + WeftKeys.CLIENT_LOAD_BALANCER.name() + "='"
                    + settings.loadBalancer() + "': no such load balancer; known: " + balancers.keySet());
        }
        this.clusterExecutor = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("weft-cluster", true));
        this.upkeep = ClusterUpkeep.of(groups, clusterExecutor, TICK_MILLIS);
    }

    /** Built-in balancers first, so that a plug-in of the same name replaces one. */
    private static Map<String, LoadBalancerProvider> loadBalancers() {
        Map<String, LoadBalancerProvider> builtIn = new TreeMap<>();
        Map<String, LoadBalancerProvider> plugIns = new TreeMap<>();
        for (LoadBalancerProvider p : ServiceLoader.load(LoadBalancerProvider.class, WeftClient.class.getClassLoader())) {
            (p.getClass().getName().startsWith("io.weft.internal.") ? builtIn : plugIns).put(p.name(), p);
        }
        builtIn.putAll(plugIns);
        return Map.copyOf(builtIn);
    }

    /** Whether a provider's node (or, for direct addresses, {@code weft.client.tls}) asks for TLS. */
    private boolean usesTls(String address) {
        for (Directory d : directories) {
            for (ServiceInstance i : d.instances()) {
                if (i.tls() && i.address().equals(address)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void onConnectionEvent(String address, ConnectionListener.Event event) {
        for (EndpointGroup g : groups) {
            g.onConnectionEvent(address, event);
        }
    }

    /**
     * A stub for {@code serviceInterface} whose providers come from {@code registry} (or from the
     * options' direct addresses).
     */
    public <T> T stub(Class<T> serviceInterface, ReferenceOptions options, Registry registry) {
        if (!serviceInterface.isInterface()) {
            throw new IllegalArgumentException(serviceInterface.getName() + " is not an interface");
        }
        String service = serviceInterface.getName();
        List<String> serializations = options.serializations().isEmpty()
                ? Serializations.DEFAULT_PREFERENCE : options.serializations();
        byte[] preference = Serializations.preferenceOf(serializations);
        Map<String, Integer> nameCounts = new HashMap<>();
        for (Method m : serviceInterface.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                nameCounts.merge(m.getName(), 1, Integer::sum);
            }
        }
        Map<Method, ClientMethod> methods = new HashMap<>();
        for (Method m : serviceInterface.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Duration timeout = options.timeoutFor(m.getName()).orElse(settings.defaultTimeout());
            methods.put(m, new ClientMethod(service, m, nameCounts.get(m.getName()) > 1, timeout, application,
                    policy(serviceInterface, m, options), token, json, preference));
        }
        ClientWarmup.run(service, methods, serialization, settings.health(), settings.warmupCalls()); // loaded, compiled
        ClientInvoker chain = chain(service, options, registry, serializations);
        Object proxy = Proxy.newProxyInstance(serviceInterface.getClassLoader(), new Class<?>[] {serviceInterface},
                new StubHandler(service, Map.copyOf(methods), chain, callbackExecutor));
        return serviceInterface.cast(proxy);
    }

    /**
     * A generic reference to {@code service}: calls by method name in JSON, through the same
     * discovery, filters, routing, governance and cluster as a stub; only providers whose node lists
     * {@code json} are called.
     */
    public GenericReference generic(String service, ReferenceOptions options, Registry registry) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service must not be blank");
        }
        ClientInvoker chain = chain(service, options, registry, List.of(JsonSerialization.NAME));
        return new GenericClient(service, chain, callbackExecutor, json, (name, params, idempotent) -> ClientMethod.generic(
                service, name, params, options.timeoutFor(name).orElse(settings.defaultTimeout()), application,
                genericPolicy(name, options, idempotent), token, json));
    }

    /** The filter chain over a cluster invoker over the providers of {@code service}. */
    private ClientInvoker chain(String service, ReferenceOptions options, Registry registry,
                                List<String> serializations) {
        String lbName = options.loadBalancer() != null ? options.loadBalancer() : settings.loadBalancer();
        LoadBalancerProvider lbProvider = balancers.get(lbName);
        if (lbProvider == null) {
            throw new IllegalArgumentException("no load balancer named '" + lbName + "'; known: " + balancers.keySet());
        }
        LoadBalancer balancer = lbProvider.create(options);
        Directory directory;
        if (!options.directAddresses().isEmpty()) {
            directory = StaticDirectory.of(service, options.directAddresses(), tls.forDirectAddresses());
        } else if (registry != null) {
            directory = new RegistryDirectory(registry, service, tls.required(), serializations);
        } else {
            throw new IllegalStateException("cannot reference " + service
                    + ": set weft.registry.address or give ReferenceOptions.directAddress");
        }
        EndpointGroup group = new EndpointGroup(service, directory, balancer, settings, pool, clusterExecutor, upkeep);
        boolean check = options.check() != null ? options.check() : settings.check();
        directories.add(directory); // before the first connection: it tells whether to use TLS
        if (check) {
            try {
                checkReachable(service, directory);
            } catch (RuntimeException e) {
                directories.remove(directory);
                throw e;
            }
        }
        group.listener(listener);
        groups.add(group);
        upkeep.wake(); // the first snapshot
        RetryBudget budget = new RetryBudget(settings.retryBudgetPercent(), settings.retryBudgetMinPerSecond());
        Router router = new Router(service, application, routingRules, balancers);
        ClientInvoker chain = FilterChains.client(filters,
                new ClusterInvoker(service, directory, group, budget, router, listener));
        return listener == null ? chain : new ObservingInvoker(chain, listener, application);
    }

    /**
     * A generic call is idempotent only when its request says so; otherwise failover resends it only
     * where a route's retries say so.
     */
    private CallPolicy genericPolicy(String method, ReferenceOptions options, boolean idempotent) {
        ClusterStrategy strategy = options.clusterFor(method).orElse(settings.cluster());
        int retries = options.retries() != null ? options.retries() : settings.retries();
        Set<Status> retryOn = options.retryOn().isEmpty() ? Set.of(Status.UNAVAILABLE) : options.retryOn();
        int forks = options.forks() != null ? options.forks() : 2;
        return new CallPolicy(strategy, idempotent, retries, retryOn, settings.failoverAttempts(), forks);
    }

    private CallPolicy policy(Class<?> serviceInterface, Method m, ReferenceOptions options) {
        ClusterStrategy strategy = options.clusterFor(m.getName()).orElse(settings.cluster());
        boolean idempotent = m.isAnnotationPresent(Idempotent.class)
                || serviceInterface.isAnnotationPresent(Idempotent.class);
        int retries = options.retries() != null ? options.retries() : settings.retries();
        Set<Status> retryOn = options.retryOn().isEmpty() ? Set.of(Status.UNAVAILABLE) : options.retryOn();
        int forks = options.forks() != null ? options.forks() : 2;
        return new CallPolicy(strategy, idempotent, retries, retryOn, settings.failoverAttempts(), forks);
    }

    /**
     * {@code check}: a provider must appear and accept a connection within the connect timeout,
     * otherwise the reference fails with {@code UNAVAILABLE}.
     */
    private void checkReachable(String service, Directory directory) {
        long timeoutNanos = settings.connectTimeout().toNanos();
        long end = System.nanoTime() + timeoutNanos;
        String reason = "no provider showed up";
        try {
            directory.whenAvailable().get(timeoutNanos, TimeUnit.NANOSECONDS);
            List<CompletableFuture<ClientConnection>> attempts = directory.instances().stream()
                    .map(i -> pool.acquire(i.host(), i.port())).toList();
            for (CompletableFuture<ClientConnection> a : attempts) {
                try {
                    a.get(Math.max(end - System.nanoTime(), 1), TimeUnit.NANOSECONDS);
                    return;
                } catch (ExecutionException e) {
                    reason = "no provider accepted a connection: " + e.getCause().getMessage();
                }
            }
        } catch (TimeoutException | ExecutionException e) {
            // reason says it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        }
        directory.close();
        throw new RpcException(Status.UNAVAILABLE, "cannot reference " + service + " (" + WeftKeys.CLIENT_CHECK.name()
                + "=true): " + reason + " within " + settings.connectTimeout().toMillis() + " ms");
    }

    @Override
    public void close() {
        clusterExecutor.shutdownNow();
        for (Directory d : directories) {
            d.close();
        }
        pool.close(); // fails the pending calls, cancelling their deadlines on the shared timer
        callbackExecutor.shutdown();
    }
}
