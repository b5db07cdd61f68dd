package io.weft.spi;

import java.io.IOException;

/** Input that cannot be decoded: malformed, or naming a class outside the allow-list. */
public class SerializationException extends IOException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
