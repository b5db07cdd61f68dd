package io.weft.bench;

/** The benchmark service. */
public interface Echo {
    String echo(String text);
}
