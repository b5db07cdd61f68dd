package io.weft;

/** A configuration value is missing or malformed; the message names the key and the value. */
public final class WeftConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message of the caller's making.
     *
     * @param message what is wrong, naming the key and the value (secrets masked)
     */
    public WeftConfigException(String message) {
        super(message);
    }

    /**
     * "invalid configuration KEY='VALUE': EXPECTED", for components checking keys of their own; the value
     * of a {@linkplain WeftConfig#isSecret secret} key shows as {@code ****}.
     *
     * @param key the configuration key, e.g. {@code weft.client.timeout-ms}
     * @param value the value as set
     * @param expected what a good value looks like, e.g. {@code must be between 1 and 65535}
     * @return the exception, for the caller to throw
     */
    public static WeftConfigException badValue(String key, String value, String expected) {
        return new WeftConfigException("invalid configuration " + key + "='" + WeftConfig.printable(key, value)
                + "': " + expected);
    }
}
