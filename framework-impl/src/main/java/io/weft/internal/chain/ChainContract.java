package io.weft.internal.chain;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** The checks both chains make, with errors that name the filter that broke the contract. */
final class ChainContract {
    private ChainContract() {}

    /** {@code result} if it is a stage; otherwise the filter broke the contract. */
    static CompletionStage<Object> requireResult(CompletionStage<Object> result, Object filter, String service,
                                                 String method) {
        if (result == null) {
            throw new IllegalStateException(filter.getClass().getName() + " returned null for " + service + "."
                    + method + ": a filter returns a stage (from next, or one it completes itself)");
        }
        return result;
    }

    /** Marks {@code once} used; a second use means the filter called {@code next} twice for one call. */
    static void claim(AtomicBoolean once, Object filter, String service, String method) {
        if (!once.compareAndSet(false, true)) {
            throw new IllegalStateException(filter.getClass().getName() + " called next more than once for "
                    + service + "." + method + ": a filter calls next at most once per call");
        }
    }
}
