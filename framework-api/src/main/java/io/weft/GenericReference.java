package io.weft;

import java.util.concurrent.CompletableFuture;

/**
 * A service called by name with JSON arguments, answering JSON: Weft's generic invocation. No Java
 * interface of the service is needed on the class path. Calls travel as {@code weft/1} requests in
 * serialization 2 (JSON) and go through discovery, the client filters and every consumer-side
 * governance rule exactly like a typed call. Thread-safe; obtained from
 * {@link Weft#genericReference(String, ReferenceOptions)}.
 *
 * <pre>{@code
 * GenericReference greeter = weft.genericReference("io.weft.demo.Greeter", ReferenceOptions.defaults());
 * String json = greeter.call("greet", "[\"Ada\"]");     // "\"Hello, Ada\""
 * }</pre>
 */
public interface GenericReference {

    /**
     * The service this reference calls.
     *
     * @return the service's name ({@code :service}), e.g. {@code io.weft.demo.Greeter}
     */
    String service();

    /**
     * Calls {@code method} and blocks until the result or the deadline.
     *
     * @param method the method name ({@code :method}); overloads are chosen by argument count (use
     *     {@link #callAsync} with {@link GenericRequest#parameterTypes()} to pick one exactly)
     * @param argumentsJson the arguments as one JSON array; {@code null} or blank means none
     * @return the JSON return value ({@code null} for a void method)
     * @throws RpcException with the call's status when it fails (e.g. {@code NOT_FOUND} for a missing
     *     method, {@code INVALID_ARGUMENT} when the provider cannot decode an argument)
     * @throws IllegalArgumentException when {@code argumentsJson} is not a JSON array (nothing is sent)
     */
    String call(String method, String argumentsJson);

    /**
     * Sends {@code request} and returns at once. The future completes with the JSON return value or
     * fails with an {@link RpcException}; cancelling it cancels the call on the provider.
     *
     * @param request the method, arguments and optional parts of the call
     * @return the JSON return value ({@code null} for a void method)
     * @throws IllegalArgumentException when the request's arguments are not a JSON array (nothing is sent)
     */
    CompletableFuture<String> callAsync(GenericRequest request);
}
