package io.weft;

import java.util.concurrent.CompletionStage;

/**
 * Runs around each outgoing call on the consumer. Filters added first run outermost. A filter
 * calls {@code next} at most once, or completes the call itself (for example with a failed stage
 * to refuse it). Filters run on the caller's thread and must not block.
 */
@FunctionalInterface
public interface ClientFilter {
    CompletionStage<Object> filter(ClientCall call, ClientInvoker next);
}
