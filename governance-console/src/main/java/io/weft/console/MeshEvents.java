package io.weft.console;

import io.javalin.http.sse.SseClient;
import io.weft.ServiceInstance;
import io.weft.rule.RuleKind;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells browsers when something changed: watches the providers, consumers and rule keys of every
 * service (the service list itself is polled, the SPI has no watch for it) and sends each connected
 * server-sent-events client a {@code changed} event whose data is the service name ({@code *}: the
 * list of services changed). Browsers then fetch again. Every provider list a watch reports also goes
 * to {@code onProviders} (an empty list when the service is gone), which feeds the console's history.
 * Thread-safe.
 */
final class MeshEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MeshEvents.class);
    static final String ALL = "*";

    private final Registry registry;
    private final ScheduledExecutorService poller;
    private final Map<String, List<Registry.Watch>> watched = new ConcurrentHashMap<>();
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final BiConsumer<String, List<ServiceInstance>> onProviders;

    MeshEvents(Registry registry, Duration pollEvery, BiConsumer<String, List<ServiceInstance>> onProviders) {
        this.registry = registry;
        this.onProviders = onProviders;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weft-console-events");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Keeps {@code client} until it disconnects. */
    void add(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("connected");
    }

    private void poll() {
        try {
            Set<String> now = new HashSet<>(registry.services());
            boolean changed = false;
            for (String service : now) {
                if (!watched.containsKey(service)) {
                    watched.put(service, watch(service));
                    changed = true;
                }
            }
            for (String service : new ArrayList<>(watched.keySet())) {
                if (!now.contains(service)) {
                    watched.remove(service).forEach(Registry.Watch::close);
                    onProviders.accept(service, List.of());
                    changed = true;
                }
            }
            if (changed) {
                publish(ALL);
            }
            clients.forEach(c -> send(c, "ping", ""));
        } catch (RuntimeException e) {
            log.warn("cannot poll the registry for services: {}", e.toString());
        }
    }

    private List<Registry.Watch> watch(String service) {
        List<Registry.Watch> watches = new ArrayList<>();
        try {
            watches.add(registry.watch(service, InstanceRole.PROVIDER, list -> {
                onProviders.accept(service, list);
                publish(service);
            }));
            watches.add(registry.watch(service, InstanceRole.CONSUMER, list -> publish(service)));
            for (RuleKind kind : RuleKind.values()) {
                watches.add(registry.watchRule(service, kind.key(), value -> publish(service)));
            }
        } catch (RuntimeException e) {
            log.warn("cannot watch service {}: {}", service, e.toString());
        }
        return watches;
    }

    /** Sends {@code changed} with {@code service} to every client. */
    void publish(String service) {
        clients.forEach(c -> send(c, "changed", service));
    }

    private void send(SseClient client, String event, String data) {
        synchronized (client) {
            try {
                if (client.terminated()) {
                    clients.remove(client);
                } else {
                    client.sendEvent(event, data);
                }
            } catch (RuntimeException e) {
                clients.remove(client);
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        watched.values().forEach(ws -> ws.forEach(Registry.Watch::close));
        watched.clear();
        clients.forEach(SseClient::close);
        clients.clear();
    }
}
