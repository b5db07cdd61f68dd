package io.weft.it;

import java.util.concurrent.CompletableFuture;

/** A service whose calls can be held on the provider until the caller cancels them. */
public interface Holder {
    /** Holds the serving thread until the call is cancelled (at most 10 s); says what it saw. */
    String hold(String tag);

    /** {@link #hold} with a future: the serving thread is held the same way. */
    CompletableFuture<String> holdAsync(String tag);

    /** Answers at once; records the tag. */
    CompletableFuture<String> quickAsync(String tag);

    /** Answers at once, or holds like {@link #hold} on a provider made to hold; safe to send twice. */
    @io.weft.Idempotent
    String race(String tag);
}
