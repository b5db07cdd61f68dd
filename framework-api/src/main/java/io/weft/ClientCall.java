package io.weft;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * One outgoing call as client filters see it. Not thread-safe: a filter may change
 * {@link #metadata()} before passing the call on.
 */
public interface ClientCall {
    /** The service: the interface's fully qualified name. */
    String service();

    /** The interface method being called. */
    Method method();

    /** The arguments (never null; empty for no arguments). Do not modify. */
    Object[] arguments();

    /**
     * Outgoing user metadata (attachments). Mutable; but a key starting with {@code :} is reserved for
     * Weft (DESIGN §4): adding one throws {@link IllegalArgumentException} naming the key, so a filter
     * cannot forge {@code :app} or {@code :token} (set {@code weft.security.token} to send a token).
     */
    Map<String, String> metadata();

    /** When the call must have finished. */
    Deadline deadline();

    /** True for a one-way call: the result completes with {@code null} once the request is written. */
    boolean oneWay();
}
