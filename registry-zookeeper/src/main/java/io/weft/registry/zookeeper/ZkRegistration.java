package io.weft.registry.zookeeper;

import io.weft.ServiceInstance;
import io.weft.registry.support.AbstractRegistration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ephemeral instance node kept alive by its registry, like Curator's {@code PersistentNode} in
 * {@code EPHEMERAL} mode but with an explicit policy for a node that already exists:
 *
 * <ul>
 *   <li>owned by our current session (a reconnect within the session): our value is rewritten;</li>
 *   <li>owned by another session (a restarted process's previous session that has not expired yet,
 *       or our own session that the client gave up on): it is stale — the instance id is
 *       {@code host:port}, which only one live process can hold — so it is replaced by ours in one
 *       transaction (version-checked delete + create) at once, instead of waiting up to a session
 *       timeout for it to expire;</li>
 *   <li>but if our own live node was deleted by someone else and another session then holds the
 *       path, we were displaced by a newer registration: we wait for that node to go away rather
 *       than delete it, so two processes misconfigured with the same id never fight forever;</li>
 *   <li>a persistent node (no session owns it) is never a registration — Weft writes instance nodes
 *       ephemeral only — so it is replaced at once, displaced or not: a forged node must not keep the
 *       real provider out.</li>
 * </ul>
 *
 * <p>A create the ACL refuses ({@code NoAuth}) ends the first attempt with {@code PERMISSION_DENIED}
 * instead of retrying.
 *
 * <p>Every ZooKeeper operation runs on the registry's registration thread, so the state below needs
 * no locking; {@link #ensure} is idempotent and is re-run on reconnect (same or new session), when
 * the node is deleted, and on a timer after a failure while connected.
 */
final class ZkRegistration extends AbstractRegistration {
    private static final Logger log = LoggerFactory.getLogger(ZkRegistration.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final long MIN_RETRY_MS = 200;
    private static final long MAX_RETRY_MS = 5000;
    /** The longest {@link #close} waits for the deletion. */
    private static final long CLOSE_BOUND_MS = 1000;

    private final ZooKeeperRegistry registry;
    private final CuratorFramework client;
    private final CuratorWatcher watcher = this::nodeEvent;

    // Registration thread only.
    private boolean held;
    private boolean displaced;
    private long retryDelayMs = MIN_RETRY_MS;
    private ScheduledFuture<?> retry;

    ZkRegistration(ZooKeeperRegistry registry, String path, ServiceInstance instance) {
        super(path, instance);
        this.registry = registry;
        this.client = registry.curator();
    }

    @Override
    protected void start() {
        submit(this::ensure);
    }

    /** After a (re)connect: re-create or re-write the node, or finish deleting it if closed meanwhile. */
    void reassert() {
        submit(this::ensure);
    }

    /** Rewrites the node's value on the registration thread. */
    @Override
    protected void rewrite() {
        submit(this::write);
    }

    /**
     * Deletes the node if this session owns it; waits up to the connect timeout, 1 s at most (ZooKeeper
     * may be down, and a write in flight then holds the registry thread until its retries end). Idempotent.
     */
    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        markClosed();
        if (registry.isClosed()) {
            return;
        }
        Future<?> deletion = submit(this::ensure);
        if (deletion == null) {
            return;
        }
        try {
            deletion.get(Math.min(CLOSE_BOUND_MS, registry.connectTimeout().toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("could not delete {} yet; it is deleted on reconnect or when the session ends", key());
        }
    }

    /** Like {@link #close} but does not wait for the deletion (it finishes on reconnect if need be). */
    void closeWithoutWaiting() {
        if (!isClosed()) {
            markClosed();
            submit(this::ensure);
        }
    }

    private void write() {
        if (isClosed()) {
            return;
        }
        if (!held) {
            ensure();
            return;
        }
        try {
            client.setData().forPath(key(), value());
        } catch (KeeperException.NoNodeException e) {
            held = false;
            ensure();
        } catch (Exception e) {
            failed("rewrite", e);
        }
    }

    private void ensure() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        if (!usable() || !client.getZookeeperClient().isConnected()) {
            return; // the reconnect re-asserts; closing the registry ends the session
        }
        try {
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            if (isClosed()) {
                deleteIfOwned(session);
                return;
            }
            byte[] written = null; // what this run put in the node, when it did
            for (int attempt = 0; attempt < MAX_ATTEMPTS && !isClosed(); attempt++) {
                if (written == null) {
                    byte[] v = value();
                    try {
                        client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                                .forPath(key(), v);
                        written = v;
                    } catch (KeeperException.NodeExistsException e) {
                        // inspected below
                    }
                }
                Stat stat = client.checkExists().usingWatcher(watcher).forPath(key());
                if (stat == null) {
                    written = null;
                    continue; // deleted in between: create again
                }
                if (stat.getEphemeralOwner() == session) {
                    if (written != value()) {
                        client.setData().forPath(key(), value()); // an older value of ours, or update() raced
                    }
                    held = true;
                    displaced = false;
                    retryDelayMs = MIN_RETRY_MS;
                    log.debug("registered {} (session 0x{})", key(), Long.toHexString(session));
                    firstWriteDone();
                    return;
                }
                written = null;
                held = false;
                boolean forged = stat.getEphemeralOwner() == 0;
                if (displaced && !forged) {
                    log.warn("{} is held by session 0x{} which replaced ours; waiting for it to go away", key(),
                            Long.toHexString(stat.getEphemeralOwner()));
                    return; // the watch set above fires when it is deleted
                }
                if (forged) {
                    // Weft's instance nodes are ephemeral: a persistent one was written by hand (or forged).
                    log.warn("replacing persistent node {} that is not a live registration (see docs/security.md)",
                            key());
                } else {
                    log.info("replacing stale node {} left by session 0x{} (ours is 0x{})", key(),
                            Long.toHexString(stat.getEphemeralOwner()), Long.toHexString(session));
                }
                byte[] v = value();
                try {
                    // One transaction, so no other writer can slip in between the delete and the create.
                    client.transaction().forOperations(
                            client.transactionOp().delete().withVersion(stat.getVersion()).forPath(key()),
                            client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(key(), v));
                    written = v;
                } catch (KeeperException.NoNodeException | KeeperException.BadVersionException
                         | KeeperException.NodeExistsException e) {
                    // changed under us: look again
                }
            }
            if (!isClosed()) {
                scheduleRetry();
            }
        } catch (KeeperException.NoAuthException e) {
            // Final: retrying cannot help. register() reports it (a consumer may go on without its node).
            if (!isClosed() && refuseFirstWrite(ZkRules.denied("create", key(), registry.address(), e))) {
                return;
            }
            failed(isClosed() ? "delete" : "create", e);
        } catch (Exception e) {
            failed(isClosed() ? "delete" : "create", e);
        }
    }

    private void deleteIfOwned(long session) throws Exception {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stat stat = client.checkExists().forPath(key());
            if (stat == null || stat.getEphemeralOwner() != session) {
                break;
            }
            try {
                client.delete().withVersion(stat.getVersion()).forPath(key());
                log.debug("deregistered {}", key());
                break;
            } catch (KeeperException.NoNodeException e) {
                break;
            } catch (KeeperException.BadVersionException e) {
                // our own value was rewritten meanwhile: look again
            }
        }
        held = false;
        registry.removed(this);
    }

    private void nodeEvent(WatchedEvent event) {
        if (isClosed()) {
            return;
        }
        switch (event.getType()) {
            case NodeDeleted -> submit(() -> {
                if (held) {
                    // Our live node was deleted by someone else: an operator, or a newer registration.
                    displaced = true;
                    held = false;
                }
                ensure();
            });
            case NodeCreated -> submit(this::ensure);
            case NodeDataChanged -> submit(this::rearm);
            default -> {
                // connection events are handled by the registry's connection listener
            }
        }
    }

    private void rearm() {
        if (isClosed() || !client.getZookeeperClient().isConnected()) {
            return;
        }
        try {
            if (client.checkExists().usingWatcher(watcher).forPath(key()) == null) {
                if (held) {
                    displaced = true;
                    held = false;
                }
                ensure();
            }
        } catch (Exception e) {
            failed("watch", e);
        }
    }

    private void failed(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!usable()) {
            return;
        }
        if (client.getZookeeperClient().isConnected()) {
            log.warn("cannot {} {}: {}; retrying", what, key(), e.toString());
            scheduleRetry();
        } else {
            log.info("cannot {} {} while disconnected ({}); retrying on reconnect", what, key(), e.toString());
        }
    }

    private boolean usable() {
        return !registry.isClosed() && client.getState() == CuratorFrameworkState.STARTED;
    }

    private void scheduleRetry() {
        try {
            retry = registry.registrationThread().schedule(this::ensure, retryDelayMs, TimeUnit.MILLISECONDS);
            retryDelayMs = Math.min(MAX_RETRY_MS, retryDelayMs * 2);
        } catch (RejectedExecutionException e) {
            // registry closed
        }
    }

    private Future<?> submit(Runnable task) {
        try {
            return registry.registrationThread().submit(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("registration task for {} failed", key(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            return null; // registry closed
        }
    }
}
