package io.weft;

/** A configuration value is missing or malformed; the message names the key and the value. */
public final class WeftConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public WeftConfigException(String message) {
        super(message);
    }

    /**
     * "invalid configuration KEY='VALUE': EXPECTED", for components checking keys of their own; the value
     * of a {@linkplain WeftConfig#isSecret secret} key shows as {@code ****}.
     */
    public static WeftConfigException badValue(String key, String value, String expected) {
        return new WeftConfigException("invalid configuration " + key + "='" + WeftConfig.printable(key, value)
                + "': " + expected);
    }
}
