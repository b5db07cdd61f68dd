package io.weft.internal.serialization;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The arguments of a generic call kept as the caller's JSON text, checked to be one JSON array
 * within the limits ({@link JsonSerialization#checkArguments}) but not decoded: {@link JsonSerialization#write}
 * copies the bytes into a JSON request body as they are, and {@link #decode} gives the plain
 * values only to whoever asks for them (a filter, a hashing balancer, a provider that takes Hessian only).
 */
public final class EncodedJsonArguments {
    private final String json;
    private final JsonSerialization serialization;
    private byte[] utf8; // made on first write; a resent call reuses it

    EncodedJsonArguments(String json, JsonSerialization serialization) {
        this.json = json;
        this.serialization = serialization;
    }

    /** The arguments as plain values, as {@link JsonSerialization#parseArguments} reads them. */
    public Object[] decode() {
        return serialization.parseArguments(json);
    }

    void writeTo(OutputStream out) throws IOException {
        byte[] bytes = utf8;
        if (bytes == null) {
            bytes = json.getBytes(StandardCharsets.UTF_8);
            utf8 = bytes;
        }
        out.write(bytes);
    }

    @Override
    public String toString() {
        return json;
    }
}
