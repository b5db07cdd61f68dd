package io.weft.internal.transport;

/** Frame kinds of {@code weft/1} (byte 3 of the header). */
public final class FrameKind {
    public static final byte REQUEST = 1;
    public static final byte RESPONSE = 2;
    public static final byte PING = 3;
    public static final byte PONG = 4;
    public static final byte GOAWAY = 5;
    public static final byte CANCEL = 6;

    private FrameKind() {}

    static boolean isKnown(int kind) {
        return kind >= REQUEST && kind <= CANCEL;
    }
}
