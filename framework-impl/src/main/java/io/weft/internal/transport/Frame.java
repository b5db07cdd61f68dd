package io.weft.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import java.util.Map;

/**
 * A decoded inbound frame. Owns {@link #body()} (a retained slice of the read buffer): whoever
 * handles the frame releases it.
 *
 * @param metadata decoded metadata; immutable
 */
public record Frame(byte kind, byte flags, byte serialization, int status, long id, Map<String, String> metadata,
                    ByteBuf body) {

    public boolean oneWay() {
        return (flags & Wire.FLAG_ONEWAY) != 0;
    }

    /** Releases the body; safe to call once. */
    public void release() {
        ReferenceCounted b = body;
        if (b != null && b.refCnt() > 0) {
            b.release();
        }
    }

    @Override
    public String toString() {
        return "Frame[kind=" + kind + ", id=" + id + ", status=" + status + ", metadata=" + metadata
                + ", body=" + (body == null ? 0 : body.readableBytes()) + "B]";
    }
}
