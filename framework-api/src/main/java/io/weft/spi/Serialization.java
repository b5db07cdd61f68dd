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
    /**
     * The number in each frame's serialization byte.
     *
     * @return 1..255 (0 means no body; 1 is Hessian 2, 2 is JSON)
     */
    int id();

    /**
     * The name advertised in the registry ({@code serializations} of the instance JSON).
     *
     * @return e.g. {@code hessian2} or {@code json}
     */
    String name();

    /**
     * Writes one value.
     *
     * @param value the value; may be null (a {@code void} result)
     * @param out where to write; not closed
     * @throws IOException when {@code out} fails or the value cannot be encoded
     */
    void write(Object value, OutputStream out) throws IOException;

    /**
     * Reads one value.
     *
     * @param in the frame's body; not closed
     * @return the value, possibly null
     * @throws SerializationException when the input is malformed or names a class that is not allowed
     * @throws IOException when {@code in} fails
     */
    Object read(InputStream in) throws IOException;
}
