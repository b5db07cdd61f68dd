package io.weft.it;

import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import io.weft.spi.RevisionConflictException;
import io.weft.spi.RuleValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-process registry for tests ({@code memory://NAME}): every {@code Weft} of this JVM with the
 * same NAME shares one table. Lets loopback tests use registry features (weights, start times,
 * unregistration on close, rule keys) without ZooKeeper. Listeners run on the writing thread.
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
            public Optional<RuleValue> getRule(String service, String kind) {
                return table.getRule(service, kind);
            }

            @Override
            public Watch watchRule(String service, String kind, Consumer<Optional<RuleValue>> listener) {
                return table.watchRule(service, kind, listener);
            }

            @Override
            public long putRule(String service, String kind, String json, long expectedRevision) {
                return table.putRule(service, kind, json, expectedRevision);
            }

            @Override
            public boolean deleteRule(String service, String kind, long expectedRevision) {
                return table.deleteRule(service, kind, expectedRevision);
            }

            @Override
            public List<String> services() {
                return table.services();
            }

            @Override
            public void appendAudit(String json) {
                table.audit.add(0, json);
            }

            @Override
            public List<String> audit(int limit) {
                return List.copyOf(table.audit.subList(0, Math.min(limit, table.audit.size())));
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

        private final Map<String, RuleValue> rules = new ConcurrentHashMap<>();
        final List<String> audit = new CopyOnWriteArrayList<>(); // newest first
        private final List<Object[]> ruleWatches = new CopyOnWriteArrayList<>();
        private long revision;

        Optional<RuleValue> getRule(String service, String kind) {
            return Optional.ofNullable(rules.get(service + "/" + kind));
        }

        synchronized Registry.Watch watchRule(String service, String kind, Consumer<Optional<RuleValue>> listener) {
            Object[] w = {service + "/" + kind, listener};
            ruleWatches.add(w);
            listener.accept(getRule(service, kind));
            return () -> ruleWatches.remove(w);
        }

        synchronized long putRule(String service, String kind, String json, long expected) {
            String key = service + "/" + kind;
            RuleValue current = rules.get(key);
            long now = current == null ? 0 : current.revision();
            if (expected != -1 && expected != now) {
                throw new RevisionConflictException(key, expected, now);
            }
            RuleValue next = new RuleValue(json, ++revision);
            rules.put(key, next);
            publishRule(key, Optional.of(next));
            return next.revision();
        }

        synchronized boolean deleteRule(String service, String kind, long expected) {
            String key = service + "/" + kind;
            RuleValue current = rules.get(key);
            long now = current == null ? 0 : current.revision();
            if (expected > 0 && expected != now) {
                throw new RevisionConflictException(key, expected, now);
            }
            if (current == null) {
                return false;
            }
            rules.remove(key);
            publishRule(key, Optional.empty());
            return true;
        }

        @SuppressWarnings("unchecked")
        private void publishRule(String key, Optional<RuleValue> value) {
            for (Object[] w : ruleWatches) {
                if (w[0].equals(key)) {
                    ((Consumer<Optional<RuleValue>>) w[1]).accept(value);
                }
            }
        }

        List<String> services() {
            return nodes.values().stream().map(ServiceInstance::service).distinct().sorted().toList();
        }

        synchronized Registry.Watch watch(String service, InstanceRole role, Consumer<List<ServiceInstance>> listener) {
            Object[] w = {role, service, listener};
            watches.add(w);
            listener.accept(list(service, role));
            return () -> watches.remove(w);
        }
    }
}
