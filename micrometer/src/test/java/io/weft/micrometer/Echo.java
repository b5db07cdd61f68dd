package io.weft.micrometer;

/** The service the ITs call. */
public interface Echo {
    String echo(String text);
}
