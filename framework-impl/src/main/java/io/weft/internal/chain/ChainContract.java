package io.weft.internal.chain;

import java.util.concurrent.CompletionStage;

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

    /** The error for a filter that called {@code next} a second time for one call. */
    static IllegalStateException secondNext(Object filter, String service, String method) {
        return new IllegalStateException(filter.getClass().getName() + " called next more than once for "
                + service + "." + method + ": a filter calls next at most once per call");
    }
}
