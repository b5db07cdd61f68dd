package io.weft;

/** A service offered by this process. Closing it unregisters it and stops serving it. */
public interface Exported extends AutoCloseable {
    /**
     * The service this export serves.
     *
     * @return the service name: the interface's fully qualified name, or the name given to
     *     {@link Weft#exportGeneric}
     */
    String service();

    /**
     * The instance as registered when the service was exported (address, tags, weight…).
     *
     * @return the node's content at export; later status heartbeats are not reflected
     */
    ServiceInstance instance();

    /**
     * Takes the instance out of rotation ({@code false}: its registry node is removed, so consumers
     * stop choosing it, but calls that still arrive are served) or puts it back ({@code true}: the node
     * is written again). What the sidecar does when its application's health checks fail or recover.
     * No-op when already so, or after {@link #close()}.
     *
     * @param inRotation {@code true} to register the node again, {@code false} to remove it
     * @throws UnsupportedOperationException when this export does not support it (the default)
     * @throws RpcException with {@code UNAVAILABLE} when the registry cannot be reached in time
     */
    default void setInRotation(boolean inRotation) {
        throw new UnsupportedOperationException("this export cannot leave the rotation");
    }

    /**
     * Whether consumers can discover this instance.
     *
     * @return true while the instance's node is registered (not out of rotation, not closed)
     */
    default boolean inRotation() {
        return true;
    }

    /** Unregisters the instance and stops serving the service. Idempotent. */
    @Override
    void close();
}
