package io.weft.internal.client;

import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.ClientFilter;
import io.weft.ClientInvoker;
import io.weft.ReferenceOptions;
import io.weft.WeftConfig;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The consumer side of one Weft instance: makes stubs, and owns the shared connection pool,
 * deadline timer and callback executor.
 */
public final class WeftClient implements AutoCloseable {
    private final ClientSettings settings;
    private final List<ClientFilter> filters;
    private final String application;
    private final HashedWheelTimer timer;
    private final ConnectionPool pool;
    private final ExecutorService callbackExecutor;
    private final List<Directory> directories = new CopyOnWriteArrayList<>();

    public WeftClient(Transport transport, WeftConfig config, Serialization serialization, List<ClientFilter> filters) {
        this.settings = ClientSettings.from(config);
        this.filters = List.copyOf(filters);
        this.application = config.application().orElse(null);
        this.timer = new HashedWheelTimer(new DefaultThreadFactory("weft-deadline", true), 10, TimeUnit.MILLISECONDS);
        this.pool = new ConnectionPool(transport, settings, serialization, timer);
        this.callbackExecutor = Executors.newCachedThreadPool(new DefaultThreadFactory("weft-callback", true));
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
            methods.put(m, new ClientMethod(service, m, nameCounts.get(m.getName()) > 1, timeout, application));
        }
        Directory directory;
        if (!options.directAddresses().isEmpty()) {
            directory = new StaticDirectory(service, options.directAddresses());
        } else if (registry != null) {
            directory = new RegistryDirectory(registry, service);
        } else {
            throw new IllegalStateException("cannot reference " + service
                    + ": set weft.registry.address or give ReferenceOptions.directAddress");
        }
        directories.add(directory);
        ClientInvoker chain = chainOf(new ClusterInvoker(service, directory, pool, settings.failoverAttempts()));
        Object proxy = Proxy.newProxyInstance(serviceInterface.getClassLoader(), new Class<?>[] {serviceInterface},
                new StubHandler(service, Map.copyOf(methods), chain, callbackExecutor));
        return serviceInterface.cast(proxy);
    }

    private ClientInvoker chainOf(ClientInvoker terminal) {
        ClientInvoker next = terminal;
        for (int i = filters.size() - 1; i >= 0; i--) {
            ClientFilter filter = filters.get(i);
            ClientInvoker downstream = next;
            next = call -> filter.filter(call, downstream);
        }
        return next;
    }

    @Override
    public void close() {
        for (Directory d : directories) {
            d.close();
        }
        pool.close();
        timer.stop();
        callbackExecutor.shutdown();
    }
}
