package io.weft.spi;

import io.weft.ServiceInstance;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where instances announce themselves and find each other. Layout (a contract):
 * {@code /{ns}/services/{service}/providers/{host}:{port}} and
 * {@code /{ns}/services/{service}/consumers/{instanceId}}, each holding the instance JSON, living
 * as long as the registering process (ephemeral node or leased key).
 *
 * <p>Implementations keep registrations and watches alive across connection loss and session or
 * lease expiry by themselves. All methods are thread-safe; listeners are called on a registry
 * thread, one call at a time per watch, and must not block.
 */
public interface Registry extends AutoCloseable {

    /**
     * Announces {@code instance}; the node exists until the registration is closed or this process
     * dies. Registering where a stale node of an earlier session lingers succeeds.
     *
     * @throws io.weft.RpcException with {@code UNAVAILABLE} when the registry cannot be reached in time
     */
    Registration register(InstanceRole role, ServiceInstance instance);

    /** The instances of {@code service} in {@code role} now, read from the registry. */
    List<ServiceInstance> list(String service, InstanceRole role);

    /**
     * Watches the instances of {@code service} in {@code role}. {@code listener} receives an
     * immutable snapshot of the full list first and again after every change.
     */
    Watch watch(String service, InstanceRole role, Consumer<List<ServiceInstance>> listener);

    /** Closes the session: every registration of this registry disappears, every watch stops. */
    @Override
    void close();

    /** A live registration. */
    interface Registration extends AutoCloseable {
        ServiceInstance instance();

        /** Rewrites the node's value (e.g. a new {@code status}); kept across session recovery. */
        void update(ServiceInstance instance);

        /** Removes the node. Idempotent. */
        @Override
        void close();
    }

    /** A live watch; closing it stops notifications. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
