package io.weft.internal.server;

import io.netty.buffer.ByteBuf;
import io.weft.spi.SerializationException;
import java.nio.charset.StandardCharsets;

/**
 * The body of a call to a generic export: the JSON argument array as text, passed on unparsed
 * (the handler, e.g. the sidecar's application, reads it). Only its shape is checked here: an
 * empty body is {@code "[]"}, anything else must start with {@code '['} after white space.
 */
final class GenericArguments {
    private static final String NONE = "[]";

    private GenericArguments() {}

    static String read(ByteBuf body, String methodName) throws SerializationException {
        int from = body.readerIndex();
        int to = body.writerIndex();
        int i = from;
        while (i < to && isSpace(body.getByte(i))) {
            i++;
        }
        if (i == to) {
            return NONE;
        }
        if (body.getByte(i) != '[') {
            throw new SerializationException("request body of " + methodName
                    + " must be a JSON array of the arguments, starting with '['");
        }
        return body.toString(from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
