package io.weft.registry.support;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names new audit entries ({@link RegistryPaths#auditEntry}) for one registry object: the time part
 * never repeats or goes back within it, so its entries sort in the order they were appended.
 * Thread-safe. Internal; shared by the registry implementations.
 */
public final class AuditKeys {
    private final String namespace;
    private final AtomicLong lastMillis = new AtomicLong();

    public AuditKeys(String namespace) {
        this.namespace = namespace;
        RegistryPaths.audit(namespace); // checks the name
    }

    /** A fresh key under {@code /{ns}/audit}. */
    public String next() {
        long now = System.currentTimeMillis();
        long millis = lastMillis.updateAndGet(last -> Math.max(last + 1, now));
        return RegistryPaths.auditEntry(namespace, millis, ThreadLocalRandom.current().nextLong());
    }
}
