package io.weft.internal.transport;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Decodes metadata keys and values, reusing the {@code String} decoded from identical bytes
 * before: service, method, application and the reserved keys repeat on every frame of a
 * connection, so most frames decode their metadata without allocating strings. A small
 * direct-mapped table (a collision replaces the slot); strings longer than {@link #MAX_LENGTH}
 * bytes are not kept. One per connection; not thread-safe.
 */
final class MetadataStrings {
    private static final int SLOTS = 64;
    private static final int MAX_LENGTH = 128;

    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];

    String decode(ByteBuf in, int pos, int length) {
        if (length == 0) {
            return "";
        }
        if (length > MAX_LENGTH) {
            return in.toString(pos, length, StandardCharsets.UTF_8);
        }
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + in.getByte(pos + i);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] known = bytes[slot];
        if (known != null && known.length == length && sameBytes(in, pos, known)) {
            return strings[slot];
        }
        byte[] copy = new byte[length];
        in.getBytes(pos, copy);
        String decoded = new String(copy, StandardCharsets.UTF_8);
        bytes[slot] = copy;
        strings[slot] = decoded;
        return decoded;
    }

    private static boolean sameBytes(ByteBuf in, int pos, byte[] known) {
        for (int i = 0; i < known.length; i++) {
            if (in.getByte(pos + i) != known[i]) {
                return false;
            }
        }
        return true;
    }
}
