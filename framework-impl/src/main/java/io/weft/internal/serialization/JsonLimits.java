package io.weft.internal.serialization;

import io.weft.WeftConfig;
import io.weft.WeftKeys;
import io.weft.internal.transport.Wire;

/**
 * How much one JSON read may take, whatever the input says (Jackson's {@code StreamReadConstraints}):
 * a body beyond a limit fails with an error naming the limit, before the memory is spent.
 *
 * @param maxDepth arrays and objects nested inside each other ({@code weft.serialization.max-depth}, 64)
 * @param maxStringLength chars of one string ({@value #MAX_STRING_LENGTH}, 1,048,576)
 * @param maxNumberLength chars of one number ({@value #MAX_NUMBER_LENGTH}, 1,000)
 * @param maxTokens tokens of one body ({@code weft.serialization.max-objects}, 1,000,000)
 * @param maxBodyBytes bytes of one body (the frame limit, {@code weft.server.max-frame-bytes})
 */
public record JsonLimits(int maxDepth, int maxStringLength, int maxNumberLength, long maxTokens, long maxBodyBytes) {
    public static final String MAX_STRING_LENGTH = WeftKeys.SERIALIZATION_JSON_MAX_STRING_LENGTH.name();
    public static final String MAX_NUMBER_LENGTH = WeftKeys.SERIALIZATION_JSON_MAX_NUMBER_LENGTH.name();

    public static final JsonLimits DEFAULTS = new JsonLimits(DecodeLimits.DEFAULTS.maxDepth(),
            WeftKeys.SERIALIZATION_JSON_MAX_STRING_LENGTH.defaultValue(),
            WeftKeys.SERIALIZATION_JSON_MAX_NUMBER_LENGTH.defaultValue(), DecodeLimits.DEFAULTS.maxObjects(),
            Wire.DEFAULT_MAX_FRAME_BYTES);

    public JsonLimits {
        if (maxDepth < 2 || maxStringLength < 1 || maxNumberLength < 1 || maxTokens < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("JSON limits must be positive (depth at least 2)");
        }
    }

    /** The limits configured in {@code config} (a bad value names key and value); bodies up to {@code maxBodyBytes}. */
    public static JsonLimits from(WeftConfig config, long maxBodyBytes) {
        DecodeLimits shared = DecodeLimits.from(config);
        return new JsonLimits(shared.maxDepth(),
                config.get(WeftKeys.SERIALIZATION_JSON_MAX_STRING_LENGTH),
                config.get(WeftKeys.SERIALIZATION_JSON_MAX_NUMBER_LENGTH),
                shared.maxObjects(), maxBodyBytes);
    }
}
