package io.weft.it;

import java.util.concurrent.CompletableFuture;

/**
 * What providers saw of the trace, for the tracing tests. Each answer is
 * {@code traceId spanId flags tracestate} of the provider's {@code CallContext.trace()}, that is of
 * the caller's span; a relay appends its downstream's answers.
 */
public interface TraceProbe {
    String seen();

    CompletableFuture<String> seenAsync();

    /** Calls the downstream probe from the method itself. */
    String relay();

    /** Calls the downstream asynchronously, then once more from the callback of that call. */
    CompletableFuture<String> relayFromCallback();

    /** Calls the downstream from a task handed to an executor. */
    CompletableFuture<String> relayFromExecutor();
}
