package io.weft.registry.etcd;

import io.etcd.jetcd.Lease;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one lease of a registry, to which all its instance keys are bound, kept alive by one jetcd
 * keep-alive stream.
 *
 * <p>The lease counts as lost when the keep-alive stream fails or ends, when etcd answers that the
 * lease is gone (TTL &le; 0), or when no keep-alive answer came for a whole TTL (a watchdog checks
 * four times per TTL). Then a new lease is granted (retried with backoff while etcd is away), every
 * live registration is put again bound to it, and the old lease is revoked, best effort, once that
 * is done: keys moved to the new lease stay, anything left on the old one goes.
 *
 * <p>All state changes happen on the registry thread; {@link #id()} may be read from any thread.
 */
final class EtcdLease {
    private static final Logger log = LoggerFactory.getLogger(EtcdLease.class);
    private static final long MIN_RETRY_MS = 200;
    private static final long MAX_RETRY_MS = 3000;

    private final EtcdRegistry registry;
    private final Lease leases;
    private final long ttlSeconds;
    private final ScheduledExecutorService thread;

    private volatile long id; // 0 while there is none
    private volatile boolean everGranted;
    private volatile boolean waitingAtStart;
    private volatile long lastAliveNanos;
    // Registry thread only.
    private CloseableClient keepAlive;
    private long retryMs = MIN_RETRY_MS;
    private boolean renewing;

    EtcdLease(EtcdRegistry registry, long ttlSeconds) {
        this.registry = registry;
        this.leases = registry.client().getLeaseClient();
        this.ttlSeconds = ttlSeconds;
        this.thread = registry.registryThread();
    }

    /** The current lease id, {@code 0} while a new one is being obtained. */
    long id() {
        return id;
    }

    /** Whether a lease was granted at least once. */
    boolean everGranted() {
        return everGranted;
    }

    /** Grants the first lease, waiting up to the registry's timeout, and starts the watchdog. */
    void start() {
        long granted = registry.await(leases.grant(ttlSeconds), "grant a lease").getID();
        runOnThread(() -> adopt(granted, 0));
        startWatchdog();
    }

    /** Starts granting the first lease on the registry thread (retried with backoff) and the watchdog. */
    void startInBackground() {
        waitingAtStart = true;
        EtcdRegistry.quietly(thread).execute(() -> renew(0));
        startWatchdog();
    }

    private void startWatchdog() {
        long period = Math.max(100, TimeUnit.SECONDS.toMillis(ttlSeconds) / 4);
        thread.scheduleWithFixedDelay(this::checkAlive, period, period, TimeUnit.MILLISECONDS);
    }

    /** Reports that lease {@code leaseId} may be gone; ignored unless it is still the current one. */
    void lost(long leaseId, String why) {
        EtcdRegistry.quietly(thread).execute(() -> {
            if (leaseId != id || id == 0 || registry.isClosed()) {
                return;
            }
            log.info("etcd lease {} lost ({}); granting a new one and putting {} keys again",
                    Long.toHexString(leaseId), why, registry.address());
            id = 0;
            closeKeepAlive();
            renew(leaseId);
        });
    }

    private void checkAlive() {
        long current = id;
        if (current != 0 && System.nanoTime() - lastAliveNanos > TimeUnit.SECONDS.toNanos(ttlSeconds)) {
            lost(current, "no keep-alive answer for " + ttlSeconds + " s");
        }
    }

    private void renew(long previous) {
        if (registry.isClosed() || renewing) {
            return;
        }
        renewing = true;
        leases.grant(ttlSeconds).orTimeout(registry.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((response, error) -> {
                    renewing = false;
                    if (error != null) {
                        if (everGranted) {
                            log.info("cannot grant an etcd lease at {} yet ({}); retrying in {} ms",
                                    registry.address(), error.toString(), retryMs);
                        } else {
                            log.debug("cannot grant a first etcd lease at {} yet ({}); retrying in {} ms",
                                    registry.address(), error.toString(), retryMs);
                        }
                        EtcdRegistry.schedule(thread, () -> renew(previous), retryMs);
                        retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
                        return;
                    }
                    retryMs = MIN_RETRY_MS;
                    adopt(response.getID(), previous);
                }, EtcdRegistry.quietly(thread));
    }

    private void adopt(long leaseId, long previous) {
        if (registry.isClosed()) {
            leases.revoke(leaseId);
            return;
        }
        id = leaseId;
        lastAliveNanos = System.nanoTime();
        boolean first = !everGranted;
        everGranted = true;
        keepAlive = leases.keepAlive(leaseId, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse response) {
                if (response.getTTL() <= 0) {
                    lost(leaseId, "etcd says it expired");
                } else {
                    lastAliveNanos = System.nanoTime();
                }
            }

            @Override
            public void onError(Throwable t) {
                lost(leaseId, "keep-alive failed: " + t.getMessage());
            }

            @Override
            public void onCompleted() {
                lost(leaseId, "keep-alive ended");
            }
        });
        log.debug("etcd lease {} granted at {} (TTL {} s)", Long.toHexString(leaseId), registry.address(),
                ttlSeconds);
        if (previous != 0) {
            registry.rewriteAll().handle((ok, error) -> leases.revoke(previous));
        } else if (first && waitingAtStart) {
            log.info("registry at {} reachable: lease granted, putting {} keys", registry.address(),
                    registry.registrationCount());
            registry.rewriteAll(); // registered while etcd was not reachable yet
        }
    }

    private void closeKeepAlive() {
        if (keepAlive != null) {
            keepAlive.close();
            keepAlive = null;
        }
    }

    /** Stops keeping the lease alive and revokes it, waiting up to {@code timeout}. */
    void revoke(Duration timeout) {
        long current = id;
        id = 0;
        runOnThread(this::closeKeepAlive);
        if (current != 0) {
            try {
                leases.revoke(current).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("cannot revoke etcd lease {} at {}: {}; its keys go when it expires",
                        Long.toHexString(current), registry.address(), e.toString());
            }
        }
    }

    /** Stops keeping the lease alive without revoking it: its keys stay until it expires. */
    void abandon() {
        id = 0;
        runOnThread(this::closeKeepAlive);
    }

    private void runOnThread(Runnable task) {
        try {
            thread.submit(task).get(registry.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // registry thread gone or busy: the client is closed next anyway
        }
    }
}
