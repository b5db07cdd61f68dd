package io.weft.registry.support;

import static java.util.Objects.requireNonNull;

import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.spi.Registry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the backends' registrations share: the instance key, the latest instance and its encoded value
 * (what the backend writes, and writes again after a reconnect or a new lease), the checks of
 * {@link #update}, the closed flag, and the first write that {@link AbstractRegistry#register} waits
 * for. How the value reaches the backend ({@link #start}, {@link #rewrite}) and how a registration
 * closes stay with the backend. These parts are thread-safe.
 */
public abstract class AbstractRegistration implements Registry.Registration {
    private final String key;
    private final CompletableFuture<Void> firstWrite = new CompletableFuture<>();

    private volatile ServiceInstance instance;
    private volatile byte[] value;
    private volatile boolean closed;

    /**
     * @param key the instance key (ZooKeeper: node path) of {@code instance}
     * @param instance what to register
     */
    protected AbstractRegistration(String key, ServiceInstance instance) {
        this.key = key;
        this.instance = instance;
        this.value = InstanceJson.encode(instance);
    }

    /**
     * The instance key (ZooKeeper: node path) this registration writes.
     *
     * @return the key
     */
    public final String key() {
        return key;
    }

    @Override
    public final ServiceInstance instance() {
        return instance;
    }

    /**
     * The latest instance as the backend stores it.
     *
     * @return the encoded instance JSON
     */
    protected final byte[] value() {
        return value;
    }

    /**
     * Whether the registration was closed or abandoned.
     *
     * @return true once closed
     */
    protected final boolean isClosed() {
        return closed;
    }

    /** Marks the registration closed: {@link #update} refuses from now on. */
    protected final void markClosed() {
        closed = true;
    }

    /**
     * The registry is ending its session or lease, which deletes the key: nothing more to do.
     */
    public final void abandon() {
        closed = true;
    }

    /**
     * Replaces the instance and rewrites the key's value asynchronously ({@link #rewrite}); the latest
     * value is also what is written again after a reconnect or a new lease.
     *
     * @throws IllegalArgumentException when {@code instance} would live at another key (another service
     *     or instance id)
     * @throws IllegalStateException when the registration is closed
     */
    @Override
    public final void update(ServiceInstance instance) {
        requireNonNull(instance, "instance");
        ServiceInstance current = this.instance;
        if (!current.service().equals(instance.service()) || !current.instanceId().equals(instance.instanceId())) {
            throw new IllegalArgumentException("update must keep service and instanceId: registered "
                    + current.service() + "/" + current.instanceId() + ", got " + instance.service() + "/"
                    + instance.instanceId());
        }
        if (closed) {
            throw new IllegalStateException("registration is closed: " + key);
        }
        this.value = InstanceJson.encode(instance);
        this.instance = instance;
        rewrite();
    }

    /** Starts writing the key asynchronously; when the backend is not reachable yet, once it is. */
    protected abstract void start();

    /** Writes the latest {@link #value} asynchronously; called by {@link #update}. */
    protected abstract void rewrite();

    /**
     * {@link #start}s, then waits up to {@code timeout} for the first write; {@code false} when it did
     * not finish in time, failed for a passing reason, or the thread was interrupted (the flag is kept).
     *
     * @param timeout how long to wait
     * @return true once the key is written
     * @throws RpcException the write's failure when it is one (e.g. {@code PERMISSION_DENIED}: the
     *     backend refused the key for good)
     */
    public final boolean startAndAwait(Duration timeout) {
        start();
        try {
            firstWrite.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RpcException refused) {
                throw refused;
            }
            return false;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** The key is in the backend: a waiting {@link #startAndAwait} returns true. */
    protected final void firstWriteDone() {
        firstWrite.complete(null);
    }

    /**
     * The backend refused the first write for good: a waiting {@link #startAndAwait} throws
     * {@code refusal} instead of retrying.
     *
     * @param refusal the failure to report
     * @return false when the first write had already finished (then it is a later write that failed)
     */
    protected final boolean refuseFirstWrite(RpcException refusal) {
        return firstWrite.completeExceptionally(refusal);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + key + "]";
    }
}
