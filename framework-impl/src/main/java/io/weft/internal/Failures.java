package io.weft.internal;

import io.weft.RpcException;
import java.util.Arrays;
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

    /**
     * {@code t}, given the stack of the calling thread when it is an {@link RpcException} made without
     * one (a failure read from the wire or decided on an event loop carries none): a blocking stub calls
     * this before it throws, so the caller sees where it called from. The frames up to and including
     * {@code entry}'s (the stub's own) are left out. Runs on the caller's thread, once per failed
     * blocking call.
     */
    public static Throwable forCaller(Throwable t, Class<?> entry) {
        if (t instanceof RpcException && t.getStackTrace().length == 0) {
            StackTraceElement[] here = new Throwable().getStackTrace();
            String name = entry.getName();
            int first = 0;
            while (first < here.length && !here[first].getClassName().equals(name)) {
                first++;
            }
            while (first < here.length - 1 && here[first].getClassName().equals(name)) {
                first++;
            }
            t.setStackTrace(first < here.length ? Arrays.copyOfRange(here, first, here.length) : here);
        }
        return t;
    }
}
