package io.weft.opentelemetry;

import java.util.concurrent.CompletableFuture;

/** The middle hop of the tracing tests: calls {@link Back}. */
public interface Front {
    /** {@code mdcTraceId mdcSpanId | back's where()}, calling back from the method itself. */
    String relay();

    /** Calls back asynchronously, then once more from the callback of that call. */
    CompletableFuture<String> relayFromCallback();
}
