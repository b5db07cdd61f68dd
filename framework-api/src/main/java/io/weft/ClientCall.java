package io.weft;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * One outgoing call as client filters see it. Not thread-safe: a filter may change
 * {@link #metadata()} before passing the call on.
 */
public interface ClientCall {
    /**
     * The service called.
     *
     * @return the interface's fully qualified name ({@code :service})
     */
    String service();

    /**
     * The interface method being called. A generic call ({@link GenericReference}) has no interface
     * on the class path: there this is {@link GenericReference#callAsync}, and {@link #methodName()}
     * names the method called.
     *
     * @return the method; the same object for every call of it
     */
    Method method();

    /**
     * The name of the method called; prefer it to {@code method().getName()}.
     *
     * @return the {@code :method} the request carries
     */
    default String methodName() {
        return method().getName();
    }

    /**
     * The arguments (never null; empty for no arguments). Do not modify. For a generic call, the
     * JSON arguments as plain values: {@code String}, {@code Number}, {@code Boolean}, {@code List},
     * {@code Map}, {@code null}.
     *
     * @return the arguments in parameter order
     */
    Object[] arguments();

    /**
     * Outgoing user metadata (attachments). Mutable; but a key starting with {@code :} is reserved for
     * Weft (DESIGN §4): adding one throws {@link IllegalArgumentException} naming the key, so a filter
     * cannot forge {@code :app} or {@code :token} (set {@code weft.security.token} to send a token).
     *
     * @return the live map sent with the request; what the caller's {@link CallContext} held, at first
     */
    Map<String, String> metadata();

    /**
     * When the call must have finished: the method's or reference's timeout from when the call
     * started, or an earlier deadline the caller's context carried.
     *
     * @return the deadline; its time left travels as {@code :timeout-ms}
     */
    Deadline deadline();

    /**
     * Whether the method is {@link OneWay}.
     *
     * @return true for a one-way call: the result completes with {@code null} once the request is written
     */
    boolean oneWay();

    /**
     * The provider instance the call was last sent to: empty until the cluster picked one (filters
     * run before that, so read it when the stage {@code next} returned completes). Thread-safe.
     *
     * @return the instance of the last attempt, or empty when none was picked yet
     */
    default Optional<ServiceInstance> provider() {
        return Optional.empty();
    }
}
