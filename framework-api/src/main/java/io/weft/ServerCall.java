package io.weft;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** One incoming call as server interceptors see it. */
public interface ServerCall {
    /** The service: the interface's fully qualified name. */
    String service();

    /**
     * The exported interface's method being called. For a generic export ({@link Weft#exportGeneric})
     * it is {@link GenericService#call}; use {@link #methodName()} for the name the caller asked for.
     */
    Method method();

    /** The name of the method being called ({@code :method}). */
    default String methodName() {
        return method().getName();
    }

    /** The decoded arguments. Do not modify. */
    Object[] arguments();

    /** All request metadata, reserved {@code :keys} included. Read-only. */
    Map<String, String> metadata();

    /**
     * The calling application, if known: the authenticated identity when a security rule
     * authenticates callers (token or mTLS), else the {@code :app} the caller claims.
     */
    Optional<String> callerApplication();

    /**
     * The application named by the consumer's verified TLS client certificate (a SPIFFE-style URI
     * SAN {@code spiffe://…/app/NAME}, else the subject's CN), or empty without TLS or without a
     * client certificate. What security rules with {@code authentication.mode: mtls} authenticate.
     */
    default Optional<String> peerIdentity() {
        return Optional.empty();
    }

    /** The consumer's address. */
    InetSocketAddress peer();

    /** The provider's own address the call came in on, if known. */
    default Optional<InetSocketAddress> localAddress() {
        return Optional.empty();
    }

    /** When the consumer stops waiting. */
    Deadline deadline();
}
