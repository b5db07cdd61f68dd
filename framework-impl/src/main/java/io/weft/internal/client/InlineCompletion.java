package io.weft.internal.client;

import io.weft.GenericRequest;
import java.util.concurrent.CompletableFuture;

/**
 * A generic reference whose calls can complete on the thread that settles them (a transport event
 * loop, the deadline timer or the calling thread) instead of the callback executor. For callers
 * whose completions never block and are themselves asynchronous — the sidecar writes the HTTP answer
 * to its own channel — the hop to the callback pool and back is pure cost. Internal: not API.
 */
public interface InlineCompletion {

    /** As {@link io.weft.GenericReference#callAsync}, but dependent stages must not block. */
    CompletableFuture<String> callAsyncInline(GenericRequest request);
}
