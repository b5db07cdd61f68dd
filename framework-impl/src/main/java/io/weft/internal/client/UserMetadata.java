package io.weft.internal.client;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The metadata map client filters see: user attachments only. Adding a reserved key (one starting
 * with {@code :}, DESIGN §4) throws {@link IllegalArgumentException} naming it, so no filter can forge
 * {@code :app}, {@code :token} or the routing keys; the framework writes those itself (pre-encoded in
 * {@link ClientMethod}). Changing or removing user entries is free. Not thread-safe, like the call.
 */
final class UserMetadata extends HashMap<String, String> {
    private static final long serialVersionUID = 1L;

    UserMetadata() {
    }

    /** A copy of {@code context}, whose keys are already user keys ({@code CallContext} refuses others). */
    UserMetadata(Map<String, String> context) {
        super(context);
    }

    static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.charAt(0) == ':') {
            throw new IllegalArgumentException("client filters cannot set metadata key '" + key
                    + "': keys starting with ':' are reserved for Weft (DESIGN §4); "
                    + (key != null && key.equals(":token") ? "configure weft.security.token instead"
                            : "use a key without ':'"));
        }
    }

    @Override
    public String put(String key, String value) {
        checkKey(key);
        return super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends String, ? extends String> m) {
        m.keySet().forEach(UserMetadata::checkKey);
        super.putAll(m);
    }

    @Override
    public String putIfAbsent(String key, String value) {
        checkKey(key);
        return super.putIfAbsent(key, value);
    }

    @Override
    public String computeIfAbsent(String key, Function<? super String, ? extends String> f) {
        checkKey(key);
        return super.computeIfAbsent(key, f);
    }

    @Override
    public String compute(String key, BiFunction<? super String, ? super String, ? extends String> f) {
        checkKey(key);
        return super.compute(key, f);
    }

    @Override
    public String merge(String key, String value, BiFunction<? super String, ? super String, ? extends String> f) {
        checkKey(key);
        return super.merge(key, value, f);
    }
}
