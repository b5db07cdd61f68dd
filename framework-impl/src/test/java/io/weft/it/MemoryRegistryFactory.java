package io.weft.it;

import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-process registry for tests ({@code memory://NAME}): every {@code Weft} of this JVM with the
 * same NAME shares one table. Lets loopback tests use registry features (weights, start times,
 * unregistration on close) without ZooKeeper. Listeners run on the registering thread.
 */
public final class MemoryRegistryFactory implements RegistryFactory {
    private static final Map<String, Table> TABLES = new ConcurrentHashMap<>();

    @Override
    public String scheme() {
        return "memory";
    }

    @Override
    public Registry create(RegistryAddress address, WeftConfig config) {
        Table table = TABLES.computeIfAbsent(address.toString(), a -> new Table());
        return new Registry() {
            private final List<Registration> mine = new CopyOnWriteArrayList<>();

            @Override
            public Registration register(InstanceRole role, ServiceInstance instance) {
                Registration r = table.register(role, instance);
                mine.add(r);
                return r;
            }

            @Override
            public List<ServiceInstance> list(String service, InstanceRole role) {
                return table.list(service, role);
            }

            @Override
            public Watch watch(String service, InstanceRole role, Consumer<List<ServiceInstance>> listener) {
                return table.watch(service, role, listener);
            }

            @Override
            public void close() {
                mine.forEach(Registration::close);
            }
        };
    }

    private static final class Table {
        private final Map<String, ServiceInstance> nodes = new ConcurrentHashMap<>();
        private final List<Object[]> watches = new CopyOnWriteArrayList<>();

        private static String key(InstanceRole role, ServiceInstance i) {
            return role + "|" + i.service() + "|" + i.instanceId();
        }

        Registry.Registration register(InstanceRole role, ServiceInstance instance) {
            String key = key(role, instance);
            put(key, role, instance);
            return new Registry.Registration() {
                private volatile ServiceInstance current = instance;

                @Override
                public ServiceInstance instance() {
                    return current;
                }

                @Override
                public void update(ServiceInstance next) {
                    current = next;
                    if (nodes.containsKey(key)) {
                        put(key, role, next);
                    }
                }

                @Override
                public void close() {
                    if (nodes.remove(key) != null) {
                        publish(role, instance.service());
                    }
                }
            };
        }

        private void put(String key, InstanceRole role, ServiceInstance instance) {
            nodes.put(key, instance);
            publish(role, instance.service());
        }

        synchronized List<ServiceInstance> list(String service, InstanceRole role) {
            List<ServiceInstance> out = new ArrayList<>();
            nodes.forEach((k, v) -> {
                if (k.startsWith(role + "|" + service + "|")) {
                    out.add(v);
                }
            });
            out.sort((a, b) -> a.instanceId().compareTo(b.instanceId()));
            return List.copyOf(out);
        }

        @SuppressWarnings("unchecked")
        private synchronized void publish(InstanceRole role, String service) {
            List<ServiceInstance> snapshot = list(service, role);
            for (Object[] w : watches) {
                if (w[0] == role && w[1].equals(service)) {
                    ((Consumer<List<ServiceInstance>>) w[2]).accept(snapshot);
                }
            }
        }

        synchronized Registry.Watch watch(String service, InstanceRole role, Consumer<List<ServiceInstance>> listener) {
            Object[] w = {role, service, listener};
            watches.add(w);
            listener.accept(list(service, role));
            return () -> watches.remove(w);
        }
    }
}
