package io.weft.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for the failures that futures hand over. */
public final class Failures {
    private Failures() {}

    /**
     * The failure itself: {@code t} without the {@link CompletionException} and
     * {@link ExecutionException} layers that futures wrap around it ({@code null} stays null).
     */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
