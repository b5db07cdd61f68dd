package io.weft.bench;

import java.util.concurrent.CompletableFuture;

/** The overload scenario's service: answers after a fixed service time, asynchronously on the caller. */
public interface SlowEcho {
    CompletableFuture<String> echo(String text);
}
