package io.weft.console;

/** The small service the console's tests run real providers and consumers of. */
public interface Echo {
    String echo(String text);
}
