package io.weft.internal.transport;

/** Constants of the {@code weft/1} frame layout (DESIGN §4). */
public final class Wire {
    public static final int MAGIC = 0x5746; // "WF"
    public static final byte VERSION = 1;
    public static final int HEADER_LENGTH = 24;
    public static final byte FLAG_ONEWAY = 1;
    public static final byte SERIALIZATION_NONE = 0;
    public static final byte SERIALIZATION_HESSIAN2 = 1;
    public static final byte SERIALIZATION_JSON = 2;
    public static final int DEFAULT_MAX_FRAME_BYTES = 8 * 1024 * 1024;
    /** Metadata entries a frame may carry unless configured otherwise ({@code weft.server.max-metadata-entries}). */
    public static final int DEFAULT_MAX_METADATA_ENTRIES = 64;

    // Reserved metadata keys.
    public static final String SERVICE = ":service";
    public static final String METHOD = ":method";
    public static final String PARAMS = ":params";
    public static final String TIMEOUT_MS = ":timeout-ms";
    public static final String APP = ":app";
    public static final String TOKEN = ":token";
    public static final String MESSAGE = ":message";
    public static final String EXCEPTION = ":exception";

    private Wire() {}
}
