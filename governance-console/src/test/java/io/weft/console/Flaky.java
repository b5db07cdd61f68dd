package io.weft.console;

/** A service whose provider the console's tests make fail, to see h̄ drop below δ. */
public interface Flaky {
    String call(String text);
}
