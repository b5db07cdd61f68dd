package io.weft.spi;

import java.io.IOException;

/** Input that cannot be decoded: malformed, or naming a class outside the allow-list. */
public class SerializationException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with no underlying cause.
     *
     * @param message what is wrong with the input, naming the refused class where there is one
     */
    public SerializationException(String message) {
        super(message);
    }

    /**
     * An exception caused by a failure of the decoder underneath.
     *
     * @param message what is wrong with the input
     * @param cause the decoder's own exception
     */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
