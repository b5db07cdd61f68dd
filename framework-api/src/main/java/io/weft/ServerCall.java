package io.weft;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** One incoming call as server interceptors see it. */
public interface ServerCall {
    /**
     * The service called.
     *
     * @return the interface's fully qualified name ({@code :service})
     */
    String service();

    /**
     * The exported interface's method being called. For a generic export ({@link Weft#exportGeneric})
     * it is {@link GenericService#call}; use {@link #methodName()} for the name the caller asked for.
     *
     * @return the method; the same object for every call of it
     */
    Method method();

    /**
     * The name of the method being called.
     *
     * @return the {@code :method} of the request
     */
    default String methodName() {
        return method().getName();
    }

    /**
     * The decoded arguments. Do not modify.
     *
     * @return the arguments in parameter order, empty for none; for a generic export, one string:
     *     the JSON argument array
     */
    Object[] arguments();

    /**
     * All request metadata, reserved {@code :keys} included. Read-only.
     *
     * @return an unmodifiable map
     */
    Map<String, String> metadata();

    /**
     * The calling application, if known: the authenticated identity when a security rule
     * authenticates callers (token or mTLS), else the {@code :app} the caller claims.
     *
     * @return the application name, or empty when the caller named none and none was authenticated
     */
    Optional<String> callerApplication();

    /**
     * The application named by the consumer's verified TLS client certificate (a SPIFFE-style URI
     * SAN {@code spiffe://…/app/NAME}, else the subject's CN), or empty without TLS or without a
     * client certificate. What security rules with {@code authentication.mode: mtls} authenticate.
     *
     * @return the certificate's application name, or empty
     */
    default Optional<String> peerIdentity() {
        return Optional.empty();
    }

    /**
     * Where the call came from.
     *
     * @return the consumer's address (IP and port of its connection)
     */
    InetSocketAddress peer();

    /**
     * The provider's own address the call came in on, if known.
     *
     * @return the local address of the connection (what a SERVER span reports as {@code server.address}
     *     and {@code server.port}), or empty when the transport does not tell
     */
    default Optional<InetSocketAddress> localAddress() {
        return Optional.empty();
    }

    /**
     * When the consumer stops waiting: its {@code :timeout-ms} counted from when the request arrived
     * (one day when it sent none).
     *
     * @return the deadline; work past it is wasted
     */
    Deadline deadline();
}
