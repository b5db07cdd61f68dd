package io.weft;

/** A service offered by this process. Closing it unregisters it and stops serving it. */
public interface Exported extends AutoCloseable {
    /** The service name (interface FQCN). */
    String service();

    /** The instance as registered (address, tags, weight…). */
    ServiceInstance instance();

    /**
     * Takes the instance out of rotation ({@code false}: its registry node is removed, so consumers
     * stop choosing it, but calls that still arrive are served) or puts it back ({@code true}: the node
     * is written again). What the sidecar does when its application's health checks fail or recover.
     * No-op when already so, or after {@link #close()}.
     */
    default void setInRotation(boolean inRotation) {
        throw new UnsupportedOperationException("this export cannot leave the rotation");
    }

    /** True while the instance's node is registered (not out of rotation, not closed). */
    default boolean inRotation() {
        return true;
    }

    @Override
    void close();
}
