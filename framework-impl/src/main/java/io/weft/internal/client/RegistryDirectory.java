package io.weft.internal.client;

import io.weft.ServiceInstance;
import io.weft.registry.support.AbstractRegistry;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Providers discovered through the registry: each watch notification swaps in the new snapshot. */
final class RegistryDirectory implements Directory {
    private static final Logger log = LoggerFactory.getLogger(RegistryDirectory.class);

    private final String service;
    private final boolean tlsRequired;
    private final int usable; // the serializations this reference speaks (bits 1 << id)
    private final Set<String> formatWarned = new HashSet<>(); // guarded by this
    private final Set<String> plaintextWarned = new HashSet<>(); // guarded by this
    private final Registry.Watch watch;
    private final Registry registry;
    private volatile List<ServiceInstance> instances = List.of();
    private volatile CompletableFuture<Void> available = new CompletableFuture<>();
    private volatile Runnable changeListener = () -> { };

    /** @param tlsRequired {@code weft.client.tls=required}: leave out (and warn once about) nodes saying {@code "tls":false} */
    RegistryDirectory(Registry registry, String service, boolean tlsRequired) {
        this(registry, service, tlsRequired, Serializations.DEFAULT_PREFERENCE);
    }

    /** @param serializations the reference's serializations: nodes listing none of them are left out */
    RegistryDirectory(Registry registry, String service, boolean tlsRequired, List<String> serializations) {
        this.usable = Serializations.maskOf(serializations);
        this.service = service;
        this.registry = registry;
        this.tlsRequired = tlsRequired;
        this.watch = registry.watch(service, InstanceRole.PROVIDER, this::update);
    }

    private synchronized void update(List<ServiceInstance> snapshot) {
        List<ServiceInstance> usable = snapshot.stream()
                .filter(i -> ServiceInstance.PROTOCOL.equals(i.protocol()))
                .filter(this::tlsAcceptable)
                .filter(this::speaksOurs)
                .toList();
        instances = usable;
        log.debug("providers of {}: {}", service, usable.stream().map(ServiceInstance::address).toList());
        if (usable.isEmpty()) {
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
        } else {
            available.complete(null);
        }
        changeListener.run();
    }

    private boolean tlsAcceptable(ServiceInstance instance) {
        if (!tlsRequired || instance.tls()) {
            return true;
        }
        if (plaintextWarned.add(instance.address())) {
            log.warn("not calling provider {} of {}: its node says \"tls\":false and weft.client.tls=required",
                    instance.address(), service);
        }
        return false;
    }

    private boolean speaksOurs(ServiceInstance instance) {
        if ((Serializations.maskOf(instance.serializations()) & usable) != 0) {
            return true;
        }
        if (formatWarned.add(instance.address())) {
            log.warn("not calling provider {} of {}: its node lists serializations {}, none of which this reference "
                    + "uses", instance.address(), service, instance.serializations());
        }
        return false;
    }

    @Override
    public void onChange(Runnable listener) {
        this.changeListener = listener;
    }

    @Override
    public List<ServiceInstance> instances() {
        return instances;
    }

    @Override
    public CompletableFuture<Void> whenAvailable() {
        return available;
    }

    @Override
    public String unavailableReason() {
        if (registry instanceof AbstractRegistry<?> r && !r.isReachable()) {
            return "no providers of " + service + ": registry at " + r.address() + " not reachable yet";
        }
        return null;
    }

    @Override
    public void close() {
        watch.close();
    }
}
