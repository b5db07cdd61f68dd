package io.weft.internal.chain;

/**
 * Per-call state with which the chain refuses a second call of {@code next} without allocating
 * anything: implemented by the framework's own call objects. A call that is not a cursor (a
 * filter's own wrapper, a test's fake) gets a small one-use guard per filter instead.
 */
public interface ChainCursor {
    /**
     * Moves this call from chain position {@code from} to {@code from + 1}, atomically; false when
     * it is not at {@code from} (the filter at {@code from} has called {@code next} already).
     */
    boolean advanceChain(int from);
}
