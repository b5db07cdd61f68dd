package io.weft;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A service served without Java classes: every call arrives as its method name and JSON arguments
 * and is answered with a JSON value — the provider side of Weft's generic invocation (DESIGN §4,
 * serialization 2), what the sidecar uses to put a program in another language behind Weft.
 * Exported with {@link Weft#exportGeneric}; calls pass the same server path as typed exports
 * (frame limits, security, throttling, faults, interceptors, queue admission, cancellation).
 *
 * <p>Threading: {@link #call} runs on a business thread and must not block for long — return a
 * stage that completes later. Failure: complete the stage exceptionally with an {@link RpcException}
 * to answer its status and message; any other exception answers {@code UNKNOWN}.
 */
@FunctionalInterface
public interface GenericService {

    /**
     * Serves one call.
     *
     * @param method the method name ({@code :method}); one of the exported methods, or any name when
     *     the export lists none
     * @param argumentsJson the arguments as one JSON array ({@code "[]"} when the request had none)
     * @param metadata the caller's user metadata (attachments, {@code traceparent}/{@code tracestate}),
     *     never the reserved {@code :keys}
     * @param deadline when the caller stops waiting
     * @return the JSON return value ({@code "null"} or {@code null} for none)
     */
    CompletionStage<String> call(String method, String argumentsJson, Map<String, String> metadata,
                                 Deadline deadline);
}
