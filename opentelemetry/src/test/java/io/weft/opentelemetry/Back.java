package io.weft.opentelemetry;

import java.util.concurrent.CompletableFuture;

/** The last hop of the tracing tests. */
public interface Back {
    /** {@code traceId spanId} of the provider's {@code CallContext.trace()}. */
    String where();

    /** Like {@link #where()}, answered a little later. */
    CompletableFuture<String> whereAsync();

    /** Fails with {@code INVALID_ARGUMENT}. */
    String fail();
}
