package io.weft.demo;

import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The demo's own view of the providers of a service, watched through the registry SPI (the
 * {@link RegistryFactory} of the address's scheme, {@link RegistryFactory#forScheme}), so it works
 * for any registry module on the class path. Thread-safe; closing it stops the watch.
 */
final class ProviderDirectory implements AutoCloseable {
    private final Registry registry;
    private final Registry.Watch watch;
    private final AtomicReference<List<ServiceInstance>> current = new AtomicReference<>(List.of());

    private ProviderDirectory(Registry registry, String service, Consumer<List<ServiceInstance>> onChange) {
        this.registry = registry;
        Registry.Watch w;
        try {
            w = registry.watch(service, InstanceRole.PROVIDER, list -> {
                List<ServiceInstance> sorted = list.stream()
                        .sorted(Comparator.comparing(ServiceInstance::address))
                        .toList();
                current.set(sorted);
                onChange.accept(sorted);
            });
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        this.watch = w;
    }

    /**
     * Watches the providers of {@code service} in the registry named by {@code config}, or returns
     * empty when no registry is configured or no module on the class path serves its scheme.
     */
    static Optional<ProviderDirectory> open(WeftConfig config, String service,
                                            Consumer<List<ServiceInstance>> onChange) {
        return config.registryAddress().flatMap(address -> RegistryFactory
                .forScheme(address.scheme(), ProviderDirectory.class.getClassLoader())
                .map(factory -> new ProviderDirectory(factory.create(address, config), service, onChange)));
    }

    /** The last snapshot seen, sorted by address. */
    List<ServiceInstance> providers() {
        return current.get();
    }

    @Override
    public void close() {
        try {
            watch.close();
        } finally {
            registry.close();
        }
    }

    /** {@code provider-1 127.0.0.1:40123 env=stable}: label (tag {@code label}), address, other tags. */
    static String describe(ServiceInstance instance) {
        Map<String, String> tags = instance.tags();
        String others = tags.entrySet().stream()
                .filter(e -> !e.getKey().equals(Labels.LABEL_TAG))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        String label = tags.getOrDefault(Labels.LABEL_TAG, "?");
        return label + " " + instance.address() + (others.isEmpty() ? "" : " " + others);
    }

    /** One line listing every provider in {@code list}. */
    static String describe(List<ServiceInstance> list) {
        if (list.isEmpty()) {
            return "0 providers";
        }
        return list.size() + (list.size() == 1 ? " provider: " : " providers: ")
                + list.stream().map(ProviderDirectory::describe).collect(Collectors.joining("; "));
    }
}
