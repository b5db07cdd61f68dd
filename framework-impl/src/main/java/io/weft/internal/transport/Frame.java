package io.weft.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import java.util.Map;

/**
 * A decoded inbound frame. Owns {@link #body()} (a retained slice of the read buffer): whoever
 * handles the frame releases it.
 */
public final class Frame {
    private final byte kind;
    private final byte flags;
    private final byte serialization;
    private final int status;
    private final long id;
    private final Map<String, String> metadata;
    private final ByteBuf body;

    Frame(byte kind, byte flags, byte serialization, int status, long id, Map<String, String> metadata, ByteBuf body) {
        this.kind = kind;
        this.flags = flags;
        this.serialization = serialization;
        this.status = status;
        this.id = id;
        this.metadata = metadata;
        this.body = body;
    }

    public byte kind() {
        return kind;
    }

    public boolean oneWay() {
        return (flags & Wire.FLAG_ONEWAY) != 0;
    }

    public byte serialization() {
        return serialization;
    }

    public int status() {
        return status;
    }

    public long id() {
        return id;
    }

    /** Decoded metadata; immutable. */
    public Map<String, String> metadata() {
        return metadata;
    }

    public ByteBuf body() {
        return body;
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
