package io.weft.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes call arguments and results. The wire carries the {@link #id()} in each frame's
 * serialization byte (1 = Hessian 2). Implementations are thread-safe and decode only classes
 * their allow-list admits.
 */
public interface Serialization {
    /** The wire id (1..255; 0 means no body). */
    int id();

    /** The name advertised in the registry, e.g. {@code hessian2}. */
    String name();

    void write(Object value, OutputStream out) throws IOException;

    /**
     * Reads one value.
     *
     * @throws SerializationException when the input is malformed or names a class that is not allowed
     */
    Object read(InputStream in) throws IOException;
}
