package io.weft;

/** A service offered by this process. Closing it unregisters it and stops serving it. */
public interface Exported extends AutoCloseable {
    /** The service name (interface FQCN). */
    String service();

    /** The instance as registered (address, tags, weight…). */
    ServiceInstance instance();

    @Override
    void close();
}
