package io.weft.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.weft.spi.Serialization;
import io.weft.spi.SerializationException;
import java.io.IOException;

/**
 * Reads the argument array of a request in the provider's own serialization (Hessian 2 unless configured):
 * an {@code Object[]}, or an untyped list as clients in other languages write it. JSON requests
 * are read by {@link JsonArguments} instead ({@link CallRunner} picks by the frame's serialization).
 */
final class ArgumentDecoder {
    private final Serialization serialization;

    ArgumentDecoder(Serialization serialization) {
        this.serialization = serialization;
    }

    /** @throws SerializationException when the body is missing or not an argument array */
    Object[] decodeArguments(ByteBuf body, SkeletonMethod method) throws IOException {
        if (!body.isReadable()) {
            if (method.parameterCount() == 0) {
                return new Object[0];
            }
            throw new SerializationException("request has no body but " + method.method().getName() + " takes "
                    + method.parameterCount() + " arguments");
        }
        Object value = serialization.read(new ByteBufInputStream(body));
        if (value instanceof Object[] array) {
            return array;
        }
        if (value instanceof java.util.List<?> list) {
            return list.toArray(); // an untyped Hessian list, as clients in other languages write it
        }
        throw new SerializationException("request body must be an argument array, got "
                + (value == null ? "null" : value.getClass().getName()));
    }
}
