package io.weft;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** One incoming call as server interceptors see it. */
public interface ServerCall {
    /** The service: the interface's fully qualified name. */
    String service();

    /** The exported interface's method being called. */
    Method method();

    /** The decoded arguments. Do not modify. */
    Object[] arguments();

    /** All request metadata, reserved {@code :keys} included. Read-only. */
    Map<String, String> metadata();

    /** The calling application as claimed in {@code :app}, if any. */
    Optional<String> callerApplication();

    /** The consumer's address. */
    InetSocketAddress peer();

    /** When the consumer stops waiting. */
    Deadline deadline();
}
